package dev.telephony.gateway.mcp;

import java.net.Socket;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connection limit in the running gateway, at two connections: a third is answered
 * 503 before its request is read and closed cleanly, the actuator still answers past the
 * limit, and once a connection closes the next request is served again.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionAdmissionAppTests {

	private static final String TOKEN = "connections-7d1e3b5a9c0f2e4d6b8a1c3e5f7a9b0d";

	private final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext gateway;

	private int port;

	@BeforeAll
	void start() {
		this.gateway = RawMcpClient.gateway("connections", TOKEN, "--telephony.gateway.admission.max-tool-calls=1",
				"--telephony.gateway.admission.max-connections=2");
		this.port = RawMcpClient.port(this.gateway);
	}

	@AfterAll
	void stop() {
		this.gateway.close();
	}

	@Test
	void aConnectionPastTheLimitIsAnswered503AtOnceWhileTheActuatorStillAnswers() throws Exception {
		ConnectionAdmission admission = this.gateway.getBean(ConnectionAdmission.class);
		await().atMost(Duration.ofSeconds(20)).until(() -> admission.open() == 0);
		try (Socket first = new Socket("127.0.0.1", this.port); Socket second = new Socket("127.0.0.1", this.port)) {
			await().atMost(Duration.ofSeconds(20)).until(() -> admission.open() == 2);

			String refused = RawMcpClient.exchange(this.port, post("Authorization: Bearer " + TOKEN + "\r\n"));
			assertThat(refused).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
				.contains("\r\nRetry-After: 5\r\n", "\r\nConnection: close\r\n",
						"\r\nContent-Type: application/json\r\n");
			JsonNode error = this.json.readTree(refused.substring(refused.indexOf("\r\n\r\n") + 4));
			assertThat(error.path("error").path("code").asInt()).isEqualTo(-32053);
			assertThat(error.path("error").path("message").asString()).isEqualTo(
					"The gateway is at capacity (2 connections open); this request was not read and nothing was sent."
							+ " Try again in a few seconds.");
			assertThat(refusals()).isEqualTo(1);

			String health = RawMcpClient.exchange(this.port,
					"GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
			assertThat(health).as("the actuator past the limit").startsWith("HTTP/1.1 200 ").contains("\"UP\"");
			assertThat(refusals()).isEqualTo(1);

			first.close();
			await().atMost(Duration.ofSeconds(20)).until(() -> admission.open() == 1);
			String served = RawMcpClient.exchange(this.port, post("Connection: close\r\n"));
			assertThat(served).as("served again, so authentication answers").startsWith("HTTP/1.1 401 ");
			assertThat(refusals()).isEqualTo(1);
		}
	}

	@Test
	void requestsRunOnVirtualThreadsAndJettysSelectorsOnPlatformThreads() {
		Server server = ((JettyWebServer) ((WebServerApplicationContext) this.gateway).getWebServer()).getServer();
		assertThat(server.getThreadPool()).isInstanceOfSatisfying(QueuedThreadPool.class,
				(pool) -> assertThat(pool.getVirtualThreadsExecutor()).isNotNull());
	}

	private String post(String headers) {
		return RawMcpClient.rawPost(this.port, headers, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
	}

	private double refusals() {
		return this.gateway.getBean(MeterRegistry.class).get("telephony.mcp.connections.refused").counter().count();
	}

}
