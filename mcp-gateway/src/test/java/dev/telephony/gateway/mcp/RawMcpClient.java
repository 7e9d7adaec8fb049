package dev.telephony.gateway.mcp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.telephony.gateway.McpGatewayApplication;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MCP over plain HTTP, message by message, for tests that look at what the transport
 * answers (status codes, headers) rather than at what an SDK makes of it.
 */
final class RawMcpClient {

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	private final String token;

	RawMcpClient(int port, String token) {
		this.port = port;
		this.token = token;
	}

	/**
	 * A gateway on the embedded broker that lets in {@code client} with {@code token},
	 * once it is ready: until its view is replayed, tools answer "not ready" instead of
	 * waiting.
	 */
	static ConfigurableApplicationContext gateway(String client, String token, String... settings) {
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
				"--telephony.gateway.auth.plain-tokens=" + client + "=" + token,
				"--telephony.gateway.default-from=14155550100", "--telephony.gateway.command-ttl=120s",
				"--telephony.gateway.max-wait=120s"));
		args.addAll(List.of(settings));
		ConfigurableApplicationContext gateway = McpGatewayApplication.builder().run(args.toArray(String[]::new));
		// Asked on a connection that closes after the answer: a pooled one would stay
		// open and count against the gateway's connection limit.
		String health = "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
		await().atMost(Duration.ofSeconds(30)).until(() -> exchange(port(gateway), health).startsWith("HTTP/1.1 200 "));
		return gateway;
	}

	static int port(ConfigurableApplicationContext gateway) {
		return Integer.parseInt(gateway.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/**
	 * Writes {@code request} on a new connection and reads until the gateway closes it:
	 * the whole answer, head and body, as text.
	 */
	static String exchange(int port, String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(20_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** A new session, initialized. */
	String initialize() throws Exception {
		HttpResponse<String> initialize = post(null, """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
				"capabilities":{},"clientInfo":{"name":"raw-test-client","version":"1"}}}""", true);
		assertThat(initialize.statusCode()).as(initialize.body()).isEqualTo(200);
		String session = initialize.headers().firstValue("Mcp-Session-Id").orElseThrow();
		post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", true);
		return session;
	}

	HttpResponse<String> post(String session, String body, boolean authorized) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/mcp"))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(BodyPublishers.ofString(body));
		if (session != null) {
			request.header("Mcp-Session-Id", session).header("Mcp-Protocol-Version", "2025-06-18");
		}
		if (authorized) {
			request.header("Authorization", "Bearer " + this.token);
		}
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

	/**
	 * Posts a message whose answer is left to stream, for as long as the socket is open.
	 */
	Socket open(String session, String body) throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setSoTimeout(20_000);
		OutputStream out = socket.getOutputStream();
		out.write(rawPost(this.port, "Authorization: Bearer " + this.token + "\r\nMcp-Session-Id: " + session
				+ "\r\nMcp-Protocol-Version: 2025-06-18\r\n", body)
			.getBytes(StandardCharsets.UTF_8));
		out.flush();
		return socket;
	}

	/**
	 * A POST of {@code body} to /mcp as it goes on the wire, with {@code headers} (each
	 * ending in CRLF) beside the content headers.
	 */
	static String rawPost(int port, String headers, String body) {
		return "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n" + headers
				+ "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
	}

}
