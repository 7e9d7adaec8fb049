package dev.telephony.gateway.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the number of tool calls in progress under a limit, so that a flood of them is
 * refused instead of filling the heap: each waiting call holds its request open for up to
 * minutes. Past the limit a new tools/call is answered at once, before anything of it
 * runs, and the calls in progress go on. Only tools/call counts; every other message is
 * answered quickly and passes. It sits behind {@link McpRequestTags}, which parsed the
 * message, and so behind authentication: a caller without a token is told so first. It
 * comes before {@link ToolScopeCheck}, so that a flood is shed before more of it is read.
 * <p>
 * The refusal is a tool result with {@code isError}, on HTTP 200, rather than an HTTP
 * 503. The one that can wait and try again is the model, and MCP clients put a failed
 * tool result in front of it as they do any tool's failure; an HTTP error on the POST is
 * a transport failure to them instead (the TypeScript SDK's transport rejects the request
 * and reports it to {@code onerror}, the Java SDK's fails it with a transport exception),
 * which hosts show as a broken tool or connection, if the model hears of it at all.
 * Streamable HTTP lets a server answer a POST with a single {@code application/json}
 * response, and both SDKs take one. Nor would a 503 help a proxy: a session is bound to
 * its instance, so there is no other instance to retry on, and a balancer that counts 5xx
 * answers would take a busy instance for a broken one. {@code Retry-After} rides along
 * for the clients and proxies that read it.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 5)
class ToolCallAdmission extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(ToolCallAdmission.class);

	static final String RETRY_AFTER_SECONDS = "5";

	private final int limit;

	private final AtomicInteger active = new AtomicInteger();

	private final Counter refused;

	private final JsonMapper json;

	ToolCallAdmission(AdmissionProperties properties, JsonMapper json, MeterRegistry meters) {
		this.limit = properties.toolCallLimit(Runtime.getRuntime().maxMemory());
		this.json = json;
		this.refused = Counter.builder("telephony.mcp.tool.calls.refused")
			.description("Tool calls refused before they ran, by reason")
			.tag("reason", "capacity")
			.register(meters);
		Gauge.builder("telephony.mcp.tool.calls.active", this.active, AtomicInteger::get)
			.description("Tool calls in progress, waiting ones among them")
			.register(meters);
		Gauge.builder("telephony.mcp.tool.calls.limit", () -> this.limit)
			.description("The most tool calls in progress at once; more are refused")
			.register(meters);
		logger.info("Admitting at most " + this.limit + " tool calls at once, " + derivation(properties));
	}

	private static String derivation(AdmissionProperties properties) {
		if (properties.maxToolCalls() > 0) {
			return "as telephony.gateway.admission.max-tool-calls says";
		}
		long maxHeap = Runtime.getRuntime().maxMemory();
		return "derived from the heap: (" + ((maxHeap == Long.MAX_VALUE) ? "unlimited" : mb(maxHeap)) + " max heap - "
				+ mb(properties.heapReserve().toBytes()) + " reserve) / " + properties.heapPerToolCall().toKilobytes()
				+ "KB per call" + " (telephony.gateway.admission.heap-reserve and heap-per-tool-call)";
	}

	private static String mb(long bytes) {
		return DataSize.ofBytes(bytes).toMegabytes() + "MB";
	}

	int limit() {
		return this.limit;
	}

	int active() {
		return this.active.get();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// A tools/call without an id is a notification: answered at once, with nothing to
		// hold.
		return !(request.getAttribute(McpRequestTags.MESSAGE_ATTRIBUTE) instanceof JsonNode message)
				|| !"tools/call".equals(message.path("method").asString("")) || !message.hasNonNull("id");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		int inProgress = admit();
		if (inProgress >= 0) {
			this.refused.increment();
			refuse(response, ((JsonNode) request.getAttribute(McpRequestTags.MESSAGE_ATTRIBUTE)).get("id"), inProgress);
			return;
		}
		Release release = new Release();
		try {
			chain.doFilter(request, response);
		}
		finally {
			releaseWhenDone(request, release);
		}
	}

	/** Takes a slot; or, when none is free, returns how many calls hold one. */
	private int admit() {
		while (true) {
			int now = this.active.get();
			if (now >= this.limit) {
				return now;
			}
			if (this.active.compareAndSet(now, now + 1)) {
				return -1;
			}
		}
	}

	private void releaseWhenDone(HttpServletRequest request, Release release) {
		if (!request.isAsyncStarted()) {
			release.run();
			return;
		}
		// The transport answers with an event stream that outlives this thread: the call
		// is in progress until the stream ends.
		try {
			request.getAsyncContext().addListener(release);
		}
		catch (IllegalStateException ex) {
			release.run();
		}
	}

	private void refuse(HttpServletResponse response, JsonNode id, int inProgress) throws IOException {
		ObjectNode answer = this.json.createObjectNode().put("jsonrpc", "2.0");
		answer.set("id", id);
		ObjectNode result = answer.putObject("result");
		result.putArray("content")
			.addObject()
			.put("type", "text")
			.put("text",
					"The gateway is at capacity (" + inProgress + ((inProgress == 1) ? " tool call" : " tool calls")
							+ " in progress); nothing was sent. Try again in a few seconds.");
		result.put("isError", true);
		byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpServletResponse.SC_OK);
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/**
	 * Gives the slot back once, however the request ends: an async request may time out
	 * or fail and then complete, and each says so.
	 */
	private final class Release implements AsyncListener, Runnable {

		private final AtomicBoolean released = new AtomicBoolean();

		@Override
		public void run() {
			if (this.released.compareAndSet(false, true)) {
				ToolCallAdmission.this.active.decrementAndGet();
			}
		}

		@Override
		public void onComplete(AsyncEvent event) {
			run();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			run();
		}

		@Override
		public void onError(AsyncEvent event) {
			run();
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			// Listeners are dropped when async starts again; stay to see the end.
			event.getAsyncContext().addListener(this);
		}

	}

}
