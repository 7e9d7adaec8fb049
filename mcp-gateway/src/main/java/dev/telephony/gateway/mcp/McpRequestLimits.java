package dev.telephony.gateway.mcp;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a message posted to /mcp must be before anything parses it: JSON, and no bigger
 * than {@link McpTransportProperties#maxRequestBody()}. The body is read here, once, and
 * handed on; tool inputs are far smaller than the limit, so valid clients never meet it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 8)
class McpRequestLimits extends OncePerRequestFilter {

	/** Request attribute holding the posted body, for filters that read the envelope. */
	static final String BODY_ATTRIBUTE = McpRequestLimits.class.getName() + ".body";

	private final String endpoint;

	private final long maxBody;

	private final MeterRegistry meters;

	McpRequestLimits(McpServerStreamableHttpProperties http, McpTransportProperties properties, MeterRegistry meters) {
		this.endpoint = http.getMcpEndpoint();
		this.maxBody = properties.maxRequestBody().toBytes();
		this.meters = meters;
		refusals(meters, "too_large");
		refusals(meters, "not_json");
	}

	private static Counter refusals(MeterRegistry meters, String reason) {
		return Counter.builder("telephony.mcp.requests.refused")
			.description("Messages posted to /mcp refused before parsing, by reason")
			.tag("reason", reason)
			.register(meters);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !this.endpoint.equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!isJson(request.getContentType())) {
			refusals(this.meters, "not_json").increment();
			closeAfterwards(response);
			JsonRpcErrors.write(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, null,
					"POST /mcp takes one JSON-RPC message with Content-Type: application/json; this request was sent as "
							+ ((request.getContentType() != null) ? "'" + request.getContentType() + "'"
									: "no Content-Type")
							+ ".");
			return;
		}
		long declared = request.getContentLengthLong();
		byte[] body = (declared > this.maxBody) ? null : request.getInputStream().readNBytes((int) this.maxBody + 1);
		if (body == null || body.length > this.maxBody) {
			refusals(this.meters, "too_large").increment();
			closeAfterwards(response);
			JsonRpcErrors.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, null,
					"This message is " + ((declared > 0) ? declared + " bytes" : "larger than the limit")
							+ "; /mcp takes messages of at most " + this.maxBody + " bytes. Tool inputs are far"
							+ " smaller (an SMS is at most a few thousand characters): send less text.");
			return;
		}
		request.setAttribute(BODY_ATTRIBUTE, body);
		chain.doFilter(new ReplayedBody(request, body), response);
	}

	/**
	 * Both refusals leave the body unread, so the connection cannot be reused safely.
	 * Said in the answer: otherwise Jetty may close it after the answer without saying
	 * so, and the client's next request on it fails with no answer at all.
	 */
	private static void closeAfterwards(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CONNECTION, "close");
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return MediaType.APPLICATION_JSON.isCompatibleWith(type)
					|| ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
