package dev.telephony.gateway.mcp;

import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * limit, and once a connection closes the next request is served again. And while request
 * work waits longer than {@code max-queue-wait} for a thread, a new connection is
 * answered 503 as well, under the limit.
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
				"--telephony.gateway.admission.max-connections=2", "--telephony.gateway.admission.max-queue-wait=2s");
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
			assertThat(refusals("connection_limit")).isEqualTo(1);

			String health = RawMcpClient.exchange(this.port,
					"GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
			assertThat(health).as("the actuator past the limit").startsWith("HTTP/1.1 200 ").contains("\"UP\"");
			assertThat(refusals("connection_limit")).isEqualTo(1);

			first.close();
			await().atMost(Duration.ofSeconds(20)).until(() -> admission.open() == 1);
			String served = RawMcpClient.exchange(this.port, post("Connection: close\r\n"));
			assertThat(served).as("served again, so authentication answers").startsWith("HTTP/1.1 401 ");
			assertThat(refusals("connection_limit")).isEqualTo(1);
		}
	}

	@Test
	void whileRequestWorkWaitsTooLongForAThreadANewConnectionIsAnswered503() throws Exception {
		ConnectionAdmission admission = this.gateway.getBean(ConnectionAdmission.class);
		RequestQueue queue = this.gateway.getBean(RequestQueue.class);
		await().atMost(Duration.ofSeconds(20)).until(() -> admission.open() == 0);
		// Work that never yields holds every carrier; more of it than carriers waits in
		// the queue, as a flood's requests do on saturated cores. More than one waits, in
		// case the scheduler adds a carrier for a thread blocked elsewhere.
		int carriers = Math.max(Runtime.getRuntime().availableProcessors(),
				Integer.getInteger("jdk.virtualThreadScheduler.parallelism", 0));
		AtomicBoolean holding = new AtomicBoolean(true);
		for (int i = 0; i < carriers + 8; i++) {
			queue.execute(() -> {
				while (holding.get()) {
					Thread.onSpinWait();
				}
			});
		}
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> queue.oldestWait().compareTo(Duration.ofSeconds(2)) > 0);
			String refused = RawMcpClient.exchange(this.port, post("Authorization: Bearer " + TOKEN + "\r\n"));
			assertThat(refused).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
				.contains("\r\nRetry-After: 5\r\n", "\r\nConnection: close\r\n");
			JsonNode error = this.json.readTree(refused.substring(refused.indexOf("\r\n\r\n") + 4));
			assertThat(error.path("error").path("code").asInt()).isEqualTo(-32053);
			assertThat(error.path("error").path("message").asString())
				.isEqualTo("The gateway is at capacity (requests are waiting more than 2 s to start); this request"
						+ " was not read and nothing was sent. Try again in a few seconds.");
			assertThat(refusals("queue_wait")).isEqualTo(1);
		}
		finally {
			holding.set(false);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> queue.queued() == 0 && admission.open() == 0);
		String served = RawMcpClient.exchange(this.port, post("Connection: close\r\n"));
		assertThat(served).as("served once the queue drained").startsWith("HTTP/1.1 401 ");
		assertThat(refusals("queue_wait")).isEqualTo(1);
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

	private double refusals(String reason) {
		return this.gateway.getBean(MeterRegistry.class)
			.get("telephony.mcp.connections.refused")
			.tag("reason", reason)
			.counter()
			.count();
	}

}
