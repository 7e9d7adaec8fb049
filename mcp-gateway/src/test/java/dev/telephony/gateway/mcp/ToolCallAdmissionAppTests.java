package dev.telephony.gateway.mcp;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admission limit in the running gateway, at one tool call: while a send_sms waits
 * for an outcome that never comes (no dispatcher runs here), the next tool call is
 * refused with a tool error, and once the first is cancelled the next one runs.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolCallAdmissionAppTests {

	private static final String TOKEN = "admission-5c2e9a7b1d3f4e6a8b0c2d4e6f8a0b1c";

	private final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext gateway;

	private int port;

	private RawMcpClient mcp;

	@BeforeAll
	void start() {
		this.gateway = RawMcpClient.gateway("admission", TOKEN, "--telephony.gateway.admission.max-tool-calls=1");
		this.port = RawMcpClient.port(this.gateway);
		this.mcp = new RawMcpClient(this.port, TOKEN);
	}

	@AfterAll
	void stop() {
		this.gateway.close();
	}

	@Test
	void aToolCallPastTheLimitIsRefusedAndTheNextOneAfterTheFirstEndsRuns() throws Exception {
		String session = this.mcp.initialize();
		try (Socket waiting = this.mcp.open(session, """
				{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"send_sms",
				"arguments":{"to":"+14155550123","text":"hello"}}}""")) {
			await().atMost(Duration.ofSeconds(20)).until(() -> gauge("telephony.mcp.waiting") == 1);
			assertThat(gauge("telephony.mcp.tool.calls.active")).isEqualTo(1);

			HttpResponse<String> refused = this.mcp.post(session, checkCallStatus(9), true);
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
			assertThat(refused.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
			JsonNode answer = this.json.readTree(refused.body());
			assertThat(answer.path("id").asInt()).isEqualTo(9);
			assertThat(answer.path("result").path("isError").asBoolean()).isTrue();
			assertThat(answer.path("result").path("content").get(0).path("text").asString()).isEqualTo(
					"The gateway is at capacity (1 tool call in progress); nothing was sent. Try again in a few seconds.");
			assertThat(this.gateway.getBean(MeterRegistry.class)
				.get("telephony.mcp.tool.calls.refused")
				.tag("reason", "capacity")
				.counter()
				.count()).isEqualTo(1);

			HttpResponse<String> anonymous = this.mcp.post(session, checkCallStatus(10), false);
			assertThat(anonymous.statusCode()).as("authentication comes first").isEqualTo(401);

			HttpResponse<String> list = this.mcp.post(session,
					"{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/list\"}", true);
			assertThat(list.body()).as("only tool calls count").contains("\"send_sms\"").doesNotContain("capacity");

			this.mcp.post(session, """
					{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":8,"reason":"user"}}""",
					true);
			await().atMost(Duration.ofSeconds(20)).until(() -> gauge("telephony.mcp.tool.calls.active") == 0);
		}

		HttpResponse<String> admitted = this.mcp.post(session, checkCallStatus(12), true);
		assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(200);
		assertThat(admitted.body()).contains("No calls in the last day").doesNotContain("capacity");
	}

	private static String checkCallStatus(int id) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id
				+ ",\"method\":\"tools/call\",\"params\":{\"name\":\"check_call_status\",\"arguments\":{}}}";
	}

	private double gauge(String name) {
		return this.gateway.getBean(MeterRegistry.class).get(name).gauge().value();
	}

}
