package dev.telephony.gateway.mcp;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the JSON-RPC envelope of each message posted to /mcp: a tools/call is tagged with
 * its request id (the transport hands it to the tool), and a
 * {@code notifications/cancelled} is routed to {@link Cancellations}, which the SDK
 * leaves unhandled. The body is buffered and replayed, so the MCP transport reads it
 * unchanged.
 */
@Component
class McpRequestTags extends OncePerRequestFilter {

	static final String REQUEST_ID_ATTRIBUTE = McpRequestTags.class.getName() + ".requestId";

	// JSON-RPC envelopes are small; anything bigger is passed through untouched.
	private static final int MAX_INSPECTED = 1 << 20;

	private final JsonMapper json;

	private final Cancellations cancellations;

	McpRequestTags(JsonMapper json, Cancellations cancellations) {
		this.json = json;
		this.cancellations = cancellations;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !request.getRequestURI().endsWith("/mcp")
				|| request.getContentLengthLong() > MAX_INSPECTED;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] body = request.getInputStream().readNBytes(MAX_INSPECTED);
		inspect(request, body);
		chain.doFilter(new ReplayedBody(request, body), response);
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

	private static final class ReplayedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReplayedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new IllegalStateException("the MCP transport reads the body synchronously");
				}

			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
