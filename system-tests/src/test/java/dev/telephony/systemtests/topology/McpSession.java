package dev.telephony.systemtests.topology;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One MCP session over Streamable HTTP, spoken by hand so that the test sees what the SDK
 * hides: which replica HAProxy chose ({@code X-Served-By}) and whether a failure is the
 * session's (HTTP) or the tool's ({@code isError}).
 */
final class McpSession {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http;

	private final URI endpoint;

	private final @Nullable String bearer;

	private final AtomicInteger ids = new AtomicInteger();

	final String sessionId;

	final String servedBy;

	private McpSession(HttpClient http, URI endpoint, @Nullable String bearer, String sessionId, String servedBy) {
		this.http = http;
		this.endpoint = endpoint;
		this.bearer = bearer;
		this.sessionId = sessionId;
		this.servedBy = servedBy;
	}

	static McpSession open(HttpClient http, URI endpoint) throws IOException, InterruptedException {
		return open(http, endpoint, null);
	}

	/**
	 * A session of a client that signs in with a static bearer token (MCP_AUTH_TOKENS).
	 */
	static McpSession open(HttpClient http, URI endpoint, @Nullable String bearer)
			throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(request(endpoint, bearer, null, """
				{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18",
				"capabilities":{},"clientInfo":{"name":"fault-test","version":"1"}}}"""),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new SessionLost("initialize answered " + response.statusCode() + ": " + response.body());
		}
		String session = response.headers()
			.firstValue("Mcp-Session-Id")
			.orElseThrow(() -> new SessionLost("no Mcp-Session-Id"));
		McpSession opened = new McpSession(http, endpoint, bearer, session,
				response.headers().firstValue("X-Served-By").orElse("?"));
		HttpResponse<String> initialized = http.send(request(endpoint, bearer, session, """
				{"jsonrpc":"2.0","method":"notifications/initialized"}"""), HttpResponse.BodyHandlers.ofString());
		if (initialized.statusCode() / 100 != 2) {
			throw new SessionLost("notifications/initialized answered " + initialized.statusCode());
		}
		return opened;
	}

	/**
	 * @return the tool's result
	 * @throws SessionLost when the session itself failed: an HTTP error or no answer
	 */
	JsonNode callTool(String tool, Map<String, Object> arguments) throws InterruptedException {
		int id = this.ids.incrementAndGet();
		String body = json.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call", "params",
				Map.of("name", tool, "arguments", arguments)));
		HttpResponse<String> response;
		try {
			response = this.http.send(request(this.endpoint, this.bearer, this.sessionId, body),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new SessionLost("no answer: " + ex);
		}
		if (response.statusCode() != 200) {
			throw new SessionLost("tools/call answered " + response.statusCode());
		}
		return response.body()
			.lines()
			.map((line) -> line.startsWith("data:") ? line.substring(5).strip() : line)
			.filter((line) -> line.startsWith("{"))
			.map(json::readTree)
			.filter((message) -> message.path("id").asInt(-1) == id)
			.findFirst()
			.map((message) -> {
				if (message.has("error")) {
					throw new SessionLost("JSON-RPC error " + message.get("error"));
				}
				return message.path("result");
			})
			.orElseThrow(() -> new SessionLost("no response to request " + id));
	}

	private static HttpRequest request(URI endpoint, @Nullable String bearer, @Nullable String session, String body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
			.timeout(Duration.ofSeconds(90))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (session != null) {
			builder.header("Mcp-Session-Id", session);
		}
		if (bearer != null) {
			builder.header("Authorization", "Bearer " + bearer);
		}
		return builder.build();
	}

	/** The session, not the tool, failed. */
	static final class SessionLost extends RuntimeException {

		SessionLost(String message) {
			super(message);
		}

	}

}
