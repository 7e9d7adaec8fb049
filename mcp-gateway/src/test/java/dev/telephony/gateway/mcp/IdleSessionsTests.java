package dev.telephony.gateway.mcp;

import java.net.Socket;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sessions whose clients went without a word are forgotten after the idle time, so that a
 * long-running gateway does not keep every session it ever opened; sessions in use, by
 * requests or by an open stream, are kept.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdleSessionsTests {

	private static final String TOKEN = "sessions-3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e";

	private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

	private ConfigurableApplicationContext gateway;

	private RawMcpClient mcp;

	@BeforeAll
	void start() {
		this.gateway = RawMcpClient.gateway("sessions", TOKEN, "--telephony.gateway.session-idle-timeout=2s",
				"--telephony.gateway.stream-heartbeat=500ms");
		this.mcp = new RawMcpClient(RawMcpClient.port(this.gateway), TOKEN);
	}

	@AfterAll
	void stop() {
		this.gateway.close();
	}

	@Test
	void aSessionWithNoRequestAndNoStreamIsForgottenAndOnesInUseAreKept() throws Exception {
		String idle = this.mcp.initialize();
		String streaming = this.mcp.initialize();
		String busy = this.mcp.initialize();
		assertThat(gauge("telephony.mcp.sessions")).isEqualTo(3);
		// No dispatcher runs here: the SMS waits for its outcome, its stream open.
		try (Socket waiting = this.mcp.open(streaming, """
				{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"send_sms",
				"arguments":{"to":"+14155550123","text":"hello"}}}""")) {
			await().atMost(Duration.ofSeconds(20)).until(() -> gauge("telephony.mcp.waiting") == 1);
			// Three idle times, with a request every half second on the busy session.
			long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
			while (System.nanoTime() < until) {
				assertThat(this.mcp.post(busy, TOOLS_LIST, true).statusCode()).isEqualTo(200);
				Thread.sleep(500);
			}

			assertThat(gauge("telephony.mcp.sessions")).as("the idle session is gone").isEqualTo(2);
			assertThat(this.mcp.post(idle, TOOLS_LIST, true).statusCode()).as("its client is told to start again")
				.isEqualTo(404);
			assertThat(this.mcp.post(streaming, TOOLS_LIST, true).statusCode()).as("an open stream keeps it")
				.isEqualTo(200);
			assertThat(this.mcp.post(busy, TOOLS_LIST, true).statusCode()).isEqualTo(200);
		}

		// Once its last stream has ended, a session is idle like any other.
		await().atMost(Duration.ofSeconds(15)).until(() -> gauge("telephony.mcp.sessions") == 0);
		String again = this.mcp.initialize();
		assertThat(this.mcp.post(again, TOOLS_LIST, true).statusCode()).isEqualTo(200);
	}

	private double gauge(String name) {
		return this.gateway.getBean(MeterRegistry.class).get(name).gauge().value();
	}

}
