package dev.telephony.gateway.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.io.EofException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns every error answer on /mcp into a JSON-RPC error object that says what to do. The
 * SDK's transport answers some errors with plain text and others with its exception class
 * serialized whole, stack trace included; Spring Security answers with an empty body.
 * Clients (and the people reading their logs) get one shape instead, and no internals.
 * Successful answers, event streams among them, pass through untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class McpErrorResponses extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(McpErrorResponses.class);

	private static final int MAX_DETAIL = 200;

	private final String endpoint;

	private final JsonMapper json;

	McpErrorResponses(McpServerStreamableHttpProperties http, JsonMapper json) {
		this.endpoint = http.getMcpEndpoint();
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String uri = request.getRequestURI();
		return !uri.equals(this.endpoint) && !uri.startsWith(this.endpoint + "/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ErrorCapturingResponse capturing = new ErrorCapturingResponse(response);
		try {
			chain.doFilter(request, capturing);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (response.isCommitted()) {
				throw ex;
			}
			if (clientWentAway(ex)) {
				// It closed the connection before its request was whole: nobody to
				// answer.
				logger.debug("Client went away during " + request.getMethod() + " " + request.getRequestURI());
				return;
			}
			logger.error("Unhandled failure answering " + request.getMethod() + " " + request.getRequestURI(), ex);
			capturing.failed();
		}
		if (request.isAsyncStarted()) {
			// An event stream: whatever follows is written as the transport writes it.
			capturing.passThrough();
			return;
		}
		capturing.finish(request);
	}

	private static boolean clientWentAway(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof EofException) {
				return true;
			}
		}
		return false;
	}

	private String advice(HttpServletRequest request, int status, String detail) {
		String method = request.getMethod();
		return switch (status) {
			case 400 -> ((detail != null) ? detail + ". " : "The message is not a valid MCP request. ")
					+ (("POST".equals(method) || "GET".equals(method)) && request.getHeader("Mcp-Session-Id") == null
							? "Start with an initialize request and send the Mcp-Session-Id header it returns on every"
									+ " later request; POST with Accept: application/json, text/event-stream."
							: "POST a single JSON-RPC message with Accept: application/json, text/event-stream.");
			case 401 -> ((detail != null) ? detail + (detail.endsWith(".") ? " " : ". ") : "")
					+ "Authentication required: send 'Authorization: Bearer <token>' (an OAuth access token for"
					+ " this server, or a static client token); the WWW-Authenticate header says where to get one.";
			case 403 -> (detail != null) ? detail : "This token may not do that; see the WWW-Authenticate header.";
			case 404 -> "This MCP session is unknown or has ended (the gateway may have restarted):"
					+ " send initialize again, without an Mcp-Session-Id header, to start a new one.";
			case 405 -> "/mcp takes POST (JSON-RPC messages), GET (the event stream of a session) and DELETE"
					+ " (end a session); " + method + " is not one of them.";
			case 503 -> (detail != null) ? detail
					: "The gateway is shutting down; retry in a few seconds, when another instance answers.";
			default -> (status >= 500)
					? "The gateway failed to handle this message, and logged why. Retry; if it keeps failing,"
							+ " check the gateway's log."
					: ((detail != null) ? detail : "The request was refused (HTTP " + status + ").");
		};
	}

	/** What the original body said, in a sentence, if it said anything usable. */
	private String detail(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		String text;
		try {
			JsonNode node = this.json.readTree(body);
			text = node.path("message").isString() ? node.path("message").asString()
					: node.path("error").path("message").asString(null);
		}
		catch (JacksonException ex) {
			text = new String(body, StandardCharsets.UTF_8);
		}
		if (text == null || text.isBlank()) {
			return null;
		}
		String line = text.strip().lines().findFirst().orElse("");
		return (line.length() > MAX_DETAIL) ? line.substring(0, MAX_DETAIL) + "…" : line;
	}

	private boolean alreadyJsonRpc(byte[] body) {
		try {
			return body.length > 0 && JsonRpcErrors.isJsonRpcError(this.json.readTree(body));
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * Holds back the body of an error answer, so that it can be rewritten, and lets every
	 * other answer through as it is written.
	 */
	private final class ErrorCapturingResponse extends HttpServletResponseWrapper {

		private final HttpServletResponse original;

		private final ByteArrayOutputStream held = new ByteArrayOutputStream();

		private int errorStatus;

		private boolean passThrough;

		private ServletOutputStream stream;

		private PrintWriter writer;

		ErrorCapturingResponse(HttpServletResponse response) {
			super(response);
			this.original = response;
		}

		private boolean holding() {
			return !this.passThrough && (this.errorStatus >= 400 || getStatus() >= 400);
		}

		void failed() {
			this.held.reset();
			this.errorStatus = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
		}

		void passThrough() throws IOException {
			if (holding() && this.held.size() > 0) {
				this.original.getOutputStream().write(this.held.toByteArray());
			}
			this.passThrough = true;
		}

		void finish(HttpServletRequest request) throws IOException {
			if (this.writer != null) {
				this.writer.flush();
			}
			int status = (this.errorStatus >= 400) ? this.errorStatus : getStatus();
			if (status < 400 || this.original.isCommitted()) {
				return;
			}
			byte[] body = this.held.toByteArray();
			if (alreadyJsonRpc(body)) {
				this.original.setStatus(status);
				this.original.setContentType("application/json");
				this.original.setContentLength(body.length);
				this.original.getOutputStream().write(body);
				return;
			}
			Object id = request.getAttribute(JsonRpcErrors.MESSAGE_ID_ATTRIBUTE);
			JsonRpcErrors.write(this.original, status, (id instanceof JsonNode node) ? node : null,
					advice(request, status, (status >= 500 && status != 503) ? null : detail(body)));
		}

		@Override
		public void sendError(int status, String message) {
			this.errorStatus = status;
			this.held.reset();
			if (message != null) {
				this.held.writeBytes(message.getBytes(StandardCharsets.UTF_8));
			}
		}

		@Override
		public void sendError(int status) {
			sendError(status, null);
		}

		@Override
		public void setStatus(int status) {
			if (this.errorStatus == 0 || this.passThrough) {
				super.setStatus(status);
			}
		}

		@Override
		public void setContentLength(int length) {
			if (!holding()) {
				super.setContentLength(length);
			}
		}

		@Override
		public void setContentLengthLong(long length) {
			if (!holding()) {
				super.setContentLengthLong(length);
			}
		}

		@Override
		public void setContentType(String type) {
			if (!holding()) {
				super.setContentType(type);
			}
		}

		@Override
		public void setHeader(String name, String value) {
			if (!holding() || !isBodyHeader(name)) {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, String value) {
			if (!holding() || !isBodyHeader(name)) {
				super.addHeader(name, value);
			}
		}

		private static boolean isBodyHeader(String name) {
			return HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name) || HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name);
		}

		@Override
		public void flushBuffer() throws IOException {
			if (!holding()) {
				super.flushBuffer();
			}
		}

		@Override
		public void resetBuffer() {
			this.held.reset();
			super.resetBuffer();
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (this.stream == null) {
				ServletOutputStream real = this.original.getOutputStream();
				this.stream = new ServletOutputStream() {

					@Override
					public void write(int b) throws IOException {
						if (holding()) {
							ErrorCapturingResponse.this.held.write(b);
						}
						else {
							real.write(b);
						}
					}

					@Override
					public void write(byte[] bytes, int offset, int length) throws IOException {
						if (holding()) {
							ErrorCapturingResponse.this.held.write(bytes, offset, length);
						}
						else {
							real.write(bytes, offset, length);
						}
					}

					@Override
					public void flush() throws IOException {
						if (!holding()) {
							real.flush();
						}
					}

					@Override
					public boolean isReady() {
						return real.isReady();
					}

					@Override
					public void setWriteListener(WriteListener listener) {
						real.setWriteListener(listener);
					}

				};
			}
			return this.stream;
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (this.writer == null) {
				this.writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
			}
			return this.writer;
		}

	}

}
