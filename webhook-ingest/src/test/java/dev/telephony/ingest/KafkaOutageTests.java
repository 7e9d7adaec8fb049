package dev.telephony.ingest;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.telephony.schemas.Topics;
import dev.telephony.testsupport.FreePorts;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka unable to take the event: refused with 503 (so Vonage retries) with nothing
 * published; once Kafka can take it, the redelivery is accepted, once.
 */
class KafkaOutageTests {

	@Test
	void webhookIsRefusedWith503WhenKafkaIsUnreachable() throws Exception {
		try (ConfigurableApplicationContext cutOff = WebhookIngestTests.start("127.0.0.1:" + FreePorts.next(),
				"--spring.kafka.admin.auto-create=false")) {
			HttpResponse<String> response = post(cutOff, UUID.randomUUID(), status());

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).isPresent();
		}
	}

	/** No hold before the input is durable: the callee's words would be lost. */
	@Test
	void conversationInputGetsNoHoldWhileKafkaCannotTakeIt() throws Exception {
		try (ConfigurableApplicationContext cutOff = WebhookIngestTests.start("127.0.0.1:" + FreePorts.next(),
				"--spring.kafka.admin.auto-create=false")) {
			String input = """
					{"uuid":"%s","timestamp":"%s","speech":{"results":[{"text":"Four people","confidence":0.9}]}}"""
				.formatted(UUID.randomUUID(), Instant.now());

			HttpResponse<String> response = WebhookIngestTests.send(cutOff, "POST",
					"/webhooks/voice/event?cid=" + UUID.randomUUID() + "&conv=1", input, VonageSigning.bearer(input),
					"application/json");

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.body()).doesNotContain("\"action\"");
		}
	}

	/**
	 * The broker is up but cannot take the events topic yet (it is missing and not
	 * auto-created): the producer cannot get metadata for it, exactly as when the broker
	 * is away. The embedded broker cannot be restarted on the same port, so this is how
	 * "Kafka comes back" is staged.
	 */
	@Test
	void webhookRefusedWhileKafkaCannotTakeItIsTakenOnceOnRedelivery() throws Exception {
		EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
		kafka.brokerProperty("auto.create.topics.enable", "false");
		kafka.afterPropertiesSet();
		UUID commandId = UUID.randomUUID();
		String body = status();
		try (ConfigurableApplicationContext ingest = WebhookIngestTests.start(kafka.getBrokersAsString(),
				"--spring.kafka.admin.auto-create=false")) {
			HttpResponse<String> refused = post(ingest, commandId, body);
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();

			kafka.addTopics(new NewTopic(Topics.EVENTS, 2, (short) 1));
			// Vonage redelivers until it gets a 2xx.
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> post(ingest, commandId, body).statusCode() == 200);

			assertThat(WebhookIngestTests.eventRecords(kafka.getBrokersAsString()))
				.filteredOn((record) -> commandId.toString().equals(record.key()))
				.hasSize(1);
		}
		finally {
			kafka.destroy();
		}
	}

	private static String status() {
		return """
				{"uuid":"%s","status":"answered","timestamp":"%s"}""".formatted(UUID.randomUUID(), Instant.now());
	}

	private static HttpResponse<String> post(ConfigurableApplicationContext ingest, UUID commandId, String body)
			throws IOException, InterruptedException {
		return WebhookIngestTests.send(ingest, "POST", "/webhooks/voice/event?cid=" + commandId, body,
				VonageSigning.bearer(body), "application/json");
	}

}
