package dev.telephony.ingest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.telephony.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhooks against a real broker: acknowledged only once Kafka has the event. */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookIngestTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private String bootstrapServers;

	private ConfigurableApplicationContext ingest;

	@BeforeAll
	void start() {
		this.bootstrapServers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
		this.ingest = WebhookIngestApplication.builder()
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=" + this.bootstrapServers);
	}

	@AfterAll
	void stop() {
		this.ingest.close();
	}

	@Test
	void statusWebhookIsPublishedWithCloudEventHeadersThenAcknowledged() throws Exception {
		UUID commandId = UUID.randomUUID();
		String body = """
				{"message_uuid":"%s","to":"447911123456","from":"14155550100","status":"delivered",
				 "timestamp":"2026-11-23T10:15:31.123Z","channel":"sms"}""".formatted(UUID.randomUUID());

		HttpResponse<String> response = post(this.ingest, "/webhooks/messages/status?cid=" + commandId, body);

		assertThat(response.statusCode()).isEqualTo(200);
		ConsumerRecord<String, String> record = eventRecords().stream()
			.filter((candidate) -> commandId.toString().equals(candidate.key()))
			.findFirst()
			.orElseThrow();
		assertThat(record.value()).contains("\"type\":\"message-status-changed\"").contains("\"status\":\"delivered\"");
		assertThat(header(record, "ce_type")).isEqualTo("telephony.event.message-status-changed.v1");
		assertThat(header(record, "ce_source")).isEqualTo("/webhook-ingest");
		assertThat(header(record, "content-type")).isEqualTo("application/json");
		assertThat(record.headers().lastHeader("__TypeId__")).isNull();
	}

	@Test
	void malformedJsonIsRefusedWithAProblemAndNothingIsPublished() throws Exception {
		int before = eventRecords().size();

		HttpResponse<String> response = post(this.ingest, "/webhooks/messages/status", "{\"status\": ");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("not JSON");
		assertThat(eventRecords()).hasSize(before);
	}

	@Test
	void oversizedBodyIsRefused() throws Exception {
		String huge = "{\"text\":\"" + "x".repeat(70_000) + "\"}";
		assertThat(post(this.ingest, "/webhooks/messages/inbound", huge).statusCode()).isEqualTo(413);
	}

	@Test
	void webhookIsRefusedWith503WhenKafkaIsDownSoThatVonageRetries() throws Exception {
		try (ConfigurableApplicationContext cutOff = WebhookIngestApplication.builder()
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort(),
					"--spring.kafka.admin.auto-create=false")) {
			HttpResponse<String> response = post(cutOff, "/webhooks/messages/inbound", """
					{"channel":"sms","message_uuid":"m-1","from":"447911123456","to":"14155550100","text":"hi"}""");

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).isPresent();
		}
	}

	private HttpResponse<String> post(ConfigurableApplicationContext app, String path, String body)
			throws IOException, InterruptedException {
		int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private List<ConsumerRecord<String, String>> eventRecords() {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
