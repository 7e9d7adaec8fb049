package dev.telephony.benchmarks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Implementation;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

/**
 * One MCP session over Streamable HTTP with the MCP Java SDK's own client, as an LLM host
 * would hold it; tool calls on it may run concurrently.
 */
final class Mcp implements AutoCloseable {

	private static final Pattern JSON_RPC_ERROR = Pattern.compile("\"code\":(-?\\d+),\"message\":\"([^\"]*)\"");

	private final McpSyncClient client;

	private Mcp(McpSyncClient client) {
		this.client = client;
	}

	static Mcp connect(String baseUrl, Duration requestTimeout) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl)
			.endpoint("/mcp")
			.clientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1))
			.connectTimeout(Duration.ofSeconds(30))
			.build();
		McpSyncClient client = McpClient.sync(transport)
			.requestTimeout(requestTimeout)
			.initializationTimeout(Duration.ofSeconds(60))
			.clientInfo(new Implementation("telephony-benchmarks", "0.1.0"))
			.build();
		client.initialize();
		return new Mcp(client);
	}

	/**
	 * A tool call as the client saw it.
	 *
	 * @param start wall-clock time the call was sent
	 * @param end wall-clock time the result arrived
	 * @param nanos elapsed, monotonic
	 * @param result the result, null if the call failed at the protocol level
	 * @param failure why it failed at the protocol level
	 */
	record Call(Instant start, Instant end, long nanos, CallToolResult result, String failure) {

		boolean ok() {
			return this.result != null && !Boolean.TRUE.equals(this.result.isError());
		}

		@SuppressWarnings("unchecked")
		String fact(String name) {
			if (this.result == null || !(this.result.structuredContent() instanceof Map<?, ?> facts)) {
				return null;
			}
			Object value = ((Map<String, Object>) facts).get(name);
			return (value != null) ? value.toString() : null;
		}

		Object factObject(String name) {
			if (this.result == null || !(this.result.structuredContent() instanceof Map<?, ?> facts)) {
				return null;
			}
			return facts.get(name);
		}

		/** A short label of the outcome, for tallies. */
		String outcome() {
			if (this.result == null) {
				return "protocol error: " + this.failure;
			}
			String status = fact("status");
			if (ok()) {
				return "ok " + ((status != null) ? status : "");
			}
			String text = this.result.content()
				.stream()
				.filter(TextContent.class::isInstance)
				.map((content) -> ((TextContent) content).text())
				.findFirst()
				.orElse("");
			return "error " + ((status != null) ? status + ": " : "") + abbreviate(text);
		}

		private static String abbreviate(String text) {
			// Call-specific ids and numbers would make every error its own tally line.
			String general = text.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>").replaceAll("\\+?\\d{6,}", "<n>");
			return (general.length() > 120) ? general.substring(0, 120) + "…" : general;
		}

	}

	Call call(String tool, Map<String, Object> arguments) {
		Instant start = Instant.now();
		long began = System.nanoTime();
		try {
			CallToolResult result = this.client.callTool(new CallToolRequest(tool, arguments));
			long nanos = System.nanoTime() - began;
			return new Call(start, Instant.now(), nanos, result, null);
		}
		catch (RuntimeException ex) {
			long nanos = System.nanoTime() - began;
			return new Call(start, Instant.now(), nanos, null, failure(ex));
		}
	}

	/**
	 * What went wrong, in a line. An HTTP error answer reaches the SDK's caller as the
	 * whole response event, with an object hash in it: the JSON-RPC error in its body is
	 * what tells one failure from another.
	 */
	private static String failure(RuntimeException ex) {
		String message = String.valueOf(ex.getMessage());
		Matcher error = JSON_RPC_ERROR.matcher(message);
		if (error.find()) {
			return "JSON-RPC error " + error.group(1) + ": " + error.group(2);
		}
		return ex.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse("");
	}

	@Override
	public void close() {
		try {
			this.client.closeGracefully();
		}
		catch (RuntimeException ex) {
			this.client.close();
		}
	}

}
