package dev.telephony.gateway.mcp;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.telephony.gateway.McpGatewayApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Intake in front of the admission check, at one tool call and one lane: a waiting
 * send_sms holds the tool call's place, a request whose body never finishes holds the
 * lane, and the next request waits in the queue of one until it is answered 503, or is
 * answered 503 at once when the queue is full. GET is never held up, and the lane serves
 * again once it is free.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeLimitTests {

	private static final String TOKEN = "intake-8d1f3b5a7c9e2d4f6a8b0c1e3f5a7b9d";

	private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

	private final HttpClient http = HttpClient.newHttpClient();

	private ConfigurableApplicationContext gateway;

	private RawMcpClient mcp;

	private int port;

	@BeforeAll
	void start() {
		this.gateway = McpGatewayApplication.builder()
			.run("--server.port=0",
					"--spring.kafka.bootstrap-servers=" + EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
					"--telephony.gateway.auth.plain-tokens=intake=" + TOKEN,
					"--telephony.gateway.default-from=14155550100", "--telephony.gateway.command-ttl=120s",
					"--telephony.gateway.max-wait=120s", "--telephony.gateway.admission.max-tool-calls=1",
					"--telephony.gateway.admission.intake-lanes=1", "--telephony.gateway.admission.intake-queue=1",
					"--telephony.gateway.admission.intake-wait=1s");
		this.port = Integer.parseInt(this.gateway.getEnvironment().getRequiredProperty("local.server.port"));
		this.mcp = new RawMcpClient(this.port, TOKEN);
		await().atMost(Duration.ofSeconds(30)).until(() -> health() == 200);
	}

	@AfterAll
	void stop() {
		this.gateway.close();
	}

	@Test
	void pastTheToolCallsAndTheLanesRequestsWaitWithoutAThreadAndAreAnswered503() throws Exception {
		String session = this.mcp.initialize();
		try (Socket waiting = this.mcp.open(session, """
				{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"send_sms",
				"arguments":{"to":"+14155550123","text":"hello"}}}""")) {
			await().atMost(Duration.ofSeconds(20)).until(() -> gauge("telephony.mcp.waiting") == 1);
			try (Socket slow = halfSent(session)) {
				// Until the slow request holds the lane, a request may still get through.
				HttpResponse<String> shed = await().atMost(Duration.ofSeconds(20))
					.until(() -> this.mcp.post(session, TOOLS_LIST, true), (response) -> response.statusCode() == 503);
				assertThat(shed.headers().firstValue("Retry-After")).hasValue("5");
				assertThat(shed.body()).contains("at capacity");
				assertThat(counter("waited_too_long")).as("it waited in the queue first").isEqualTo(1);

				CompletableFuture<HttpResponse<String>> queued = this.http.sendAsync(request(session),
						BodyHandlers.ofString());
				await().atMost(Duration.ofSeconds(10)).until(() -> gauge("telephony.mcp.requests.queued") == 1);
				HttpResponse<String> full = this.mcp.post(session, TOOLS_LIST, true);
				assertThat(full.statusCode()).isEqualTo(503);
				assertThat(full.headers().firstValue("Retry-After")).hasValue("5");
				assertThat(counter("queue_full")).isEqualTo(1);
				assertThat(health()).as("GET is not held up").isEqualTo(200);
				assertThat(queued.get().statusCode()).as("the queued one in the end").isEqualTo(503);
			}
			HttpResponse<String> served = await().atMost(Duration.ofSeconds(20))
				.until(() -> this.mcp.post(session, TOOLS_LIST, true), (response) -> response.statusCode() == 200);
			assertThat(served.body()).contains("\"send_sms\"");
		}
	}

	/** A POST whose body is announced and never sent: it holds its lane while read. */
	private Socket halfSent(String session) throws Exception {
		Socket socket = new Socket("127.0.0.1", this.port);
		String head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nAuthorization: Bearer " + TOKEN
				+ "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
				+ "Mcp-Session-Id: " + session + "\r\nContent-Length: 1000\r\n\r\n{\"jsonrpc\"";
		OutputStream out = socket.getOutputStream();
		out.write(head.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

	private HttpRequest request(String session) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/mcp"))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("Authorization", "Bearer " + TOKEN)
			.header("Mcp-Session-Id", session)
			.POST(HttpRequest.BodyPublishers.ofString(TOOLS_LIST))
			.build();
	}

	private int health() throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health")).build(),
					BodyHandlers.discarding())
			.statusCode();
	}

	private double gauge(String name) {
		return this.gateway.getBean(MeterRegistry.class).get(name).gauge().value();
	}

	private double counter(String reason) {
		return this.gateway.getBean(MeterRegistry.class)
			.get("telephony.mcp.requests.shed")
			.tag("reason", reason)
			.counter()
			.count();
	}

}
