package dev.telephony.gateway.mcp;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the JSON-RPC envelope of each message posted to /mcp: its id is kept for error
 * answers, a tools/call is tagged with its request id (the transport hands it to the
 * tool), and a {@code notifications/cancelled} is routed to {@link Cancellations}, which
 * the SDK leaves unhandled. The body comes from {@link McpRequestLimits}, which read it
 * already.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class McpRequestTags extends OncePerRequestFilter {

	static final String REQUEST_ID_ATTRIBUTE = McpRequestTags.class.getName() + ".requestId";

	/** Request attribute holding the parsed message, for filters behind this one. */
	static final String MESSAGE_ATTRIBUTE = McpRequestTags.class.getName() + ".message";

	private final JsonMapper json;

	private final Cancellations cancellations;

	McpRequestTags(JsonMapper json, Cancellations cancellations) {
		this.json = json;
		this.cancellations = cancellations;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !(request.getAttribute(McpRequestLimits.BODY_ATTRIBUTE) instanceof byte[]);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		inspect(request, (byte[]) request.getAttribute(McpRequestLimits.BODY_ATTRIBUTE));
		chain.doFilter(request, response);
	}

	private void inspect(HttpServletRequest request, byte[] body) {
		JsonNode message;
		try {
			message = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			// Not ours to judge: the transport answers malformed JSON-RPC itself.
			return;
		}
		request.setAttribute(MESSAGE_ATTRIBUTE, message);
		if (message.hasNonNull("id") && (message.get("id").isString() || message.get("id").isNumber())) {
			request.setAttribute(JsonRpcErrors.MESSAGE_ID_ATTRIBUTE, message.get("id"));
		}
		String method = message.path("method").asString("");
		if ("tools/call".equals(method) && message.hasNonNull("id")) {
			request.setAttribute(REQUEST_ID_ATTRIBUTE, message.get("id").asString());
		}
		else if ("notifications/cancelled".equals(method)) {
			String session = request.getHeader("Mcp-Session-Id");
			JsonNode requestId = message.path("params").path("requestId");
			if (session != null && !requestId.isMissingNode()) {
				this.cancellations.cancel(session, requestId.asString());
			}
		}
	}

}
