package dev.telephony.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.telephony.testsupport.FreePorts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The shared publishing path against a real broker: what goes on the wire, and how long a
 * caller waits when the broker is away.
 */
class KafkaPublishingTests {

	private static final Instant TIME = Instant.parse("2026-11-23T10:15:30Z");

	private static EmbeddedKafkaKraftBroker broker;

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final KafkaPublishing publishing = new KafkaPublishing(this.meters, "/test-service");

	private final List<DefaultKafkaProducerFactory<String, String>> producers = new ArrayList<>();

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 3);
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@AfterEach
	void closeProducers() {
		this.producers.forEach(DefaultKafkaProducerFactory::destroy);
	}

	@Test
	void recordCarriesKeyValueAndCloudEventHeadersByteForByte() {
		String topic = topic();
		KafkaPublisher<String, String> publisher = this.publishing.publisher(kafka(broker.getBrokersAsString()), topic,
				Duration.ofSeconds(10));

		publisher.publish("key-1", "{\"a\":1}", new CloudEvent("id-1", "telephony.test.v1", TIME));

		ConsumerRecord<String, String> record = readOne(topic);
		assertThat(record.key()).isEqualTo("key-1");
		assertThat(record.value()).isEqualTo("{\"a\":1}");
		assertThat(record.headers().toArray()).extracting(Header::key)
			.containsExactly("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time", "content-type");
		assertThat(header(record, "ce_specversion")).isEqualTo("1.0".getBytes(StandardCharsets.UTF_8));
		assertThat(header(record, "ce_id")).isEqualTo("id-1".getBytes(StandardCharsets.UTF_8));
		assertThat(header(record, "ce_type")).isEqualTo("telephony.test.v1".getBytes(StandardCharsets.UTF_8));
		assertThat(header(record, "ce_source")).isEqualTo("/test-service".getBytes(StandardCharsets.UTF_8));
		assertThat(header(record, "ce_time")).isEqualTo("2026-11-23T10:15:30Z".getBytes(StandardCharsets.UTF_8));
		assertThat(header(record, "content-type")).isEqualTo("application/json".getBytes(StandardCharsets.UTF_8));
		assertThat(timer(topic, "published").count()).isEqualTo(1);
	}

	@Test
	void recordGoesToTheGivenPartition() {
		String topic = topic();
		KafkaPublisher<String, String> publisher = this.publishing.publisher(kafka(broker.getBrokersAsString()), topic,
				Duration.ofSeconds(10));

		publisher.publish(2, "key-1", "value", new CloudEvent("id-2", "telephony.test.v1", TIME));

		assertThat(readOne(topic).partition()).isEqualTo(2);
	}

	@Test
	void everyOutcomeIsExportedAtZeroFromTheStart() {
		String topic = topic();
		this.publishing.publisher(kafka(broker.getBrokersAsString()), topic, Duration.ofSeconds(10));

		assertThat(this.meters.find(KafkaPublishing.TIMER).tag("topic", topic).timers())
			.extracting((timer) -> timer.getId().getTag("outcome"))
			.containsExactlyInAnyOrder("published", "failed", "timeout", "interrupted");
		assertThat(this.meters.find(KafkaPublishing.TIMER).tag("topic", topic).timers())
			.allSatisfy((timer) -> assertThat(timer.count()).isZero());
	}

	@Test
	void backgroundPublisherCompletesOnceKafkaHasTheRecord() throws Exception {
		String topic = topic();
		BackgroundPublisher<String, String> publisher = this.publishing
			.backgroundPublisher(kafka(broker.getBrokersAsString()), topic);

		publisher.publish("key-1", "value", new CloudEvent("id-3", "telephony.test.v1", TIME))
			.get(10, TimeUnit.SECONDS);

		ConsumerRecord<String, String> record = readOne(topic);
		assertThat(header(record, "ce_id")).isEqualTo("id-3".getBytes(StandardCharsets.UTF_8));
		assertThat(timer(topic, "published").count()).isEqualTo(1);
	}

	/**
	 * The broker goes away after the producer has its metadata: send() returns at once
	 * and nothing but the bound ends the wait (the producer would wait two minutes). The
	 * producer keeps its metadata here; by default it drops it, and then blocks in send()
	 * for its max.block.ms, which the services keep below their bound.
	 */
	@Test
	void waitEndsAtTheBoundWhenTheBrokerGoesAway() {
		EmbeddedKafkaKraftBroker leaving = new EmbeddedKafkaKraftBroker(1, 1);
		leaving.afterPropertiesSet();
		try {
			String topic = "leaving";
			leaving.addTopics(new NewTopic(topic, 1, (short) 1));
			KafkaPublisher<String, String> publisher = this.publishing.publisher(
					kafka(leaving.getBrokersAsString(), Map.of(CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG,
							"none", ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000)),
					topic, Duration.ofSeconds(2));
			publisher.publish("key-1", "before", new CloudEvent("id-4", "telephony.test.v1", TIME));
			leaving.destroy();

			long started = System.nanoTime();
			NotPublishedException ex = catchThrowableOfType(NotPublishedException.class,
					() -> publisher.publish("key-1", "after", new CloudEvent("id-5", "telephony.test.v1", TIME)));
			Duration waited = Duration.ofNanos(System.nanoTime() - started);

			assertThat(ex.outcome()).isEqualTo(PublishOutcome.TIMEOUT);
			// The producer still holds the record and would deliver it if the broker came
			// back.
			assertThat(ex.mayHaveBeenWritten()).isTrue();
			assertThat(ex.bound()).isEqualTo(Duration.ofSeconds(2));
			assertThat(ex).hasMessageContaining("within 2000 ms");
			assertThat(waited).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(6));
			assertThat(timer(topic, "timeout").count()).isEqualTo(1);
			assertThat(timer(topic, "published").count()).isEqualTo(1);

			// An interrupted caller stops waiting at once, and keeps its interrupt.
			Thread.currentThread().interrupt();
			NotPublishedException interrupted = catchThrowableOfType(NotPublishedException.class,
					() -> publisher.publish("key-1", "again", new CloudEvent("id-6", "telephony.test.v1", TIME)));
			assertThat(Thread.interrupted()).isTrue();
			assertThat(interrupted.outcome()).isEqualTo(PublishOutcome.INTERRUPTED);
			assertThat(interrupted.interrupted()).isTrue();
			assertThat(timer(topic, "interrupted").count()).isEqualTo(1);
		}
		finally {
			Thread.interrupted();
			leaving.destroy();
		}
	}

	/**
	 * A broker that was never reached: the producer gives up after its own
	 * {@code max.block.ms}, and the caller hears of it as a failure, not a hang.
	 */
	@Test
	void unreachableBrokerIsAFailureWithinTheBound() throws Exception {
		String bootstrap = "127.0.0.1:" + FreePorts.next();
		KafkaTemplate<String, String> kafka = kafka(bootstrap, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500));
		KafkaPublisher<String, String> publisher = this.publishing.publisher(kafka, "nowhere", Duration.ofSeconds(5));

		long started = System.nanoTime();
		assertThatExceptionOfType(NotPublishedException.class)
			.isThrownBy(() -> publisher.publish("key-1", "value", new CloudEvent("id-7", "telephony.test.v1", TIME)))
			.satisfies((ex) -> assertThat(ex.outcome()).isEqualTo(PublishOutcome.FAILED))
			// No metadata within max.block.ms: refused before anything was sent.
			.satisfies((ex) -> assertThat(ex.mayHaveBeenWritten()).isFalse())
			.withMessageContaining("Kafka did not take a record for nowhere");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(timer("nowhere", "failed").count()).isEqualTo(1);

		BackgroundPublisher<String, String> background = this.publishing.backgroundPublisher(kafka, "nowhere-either");
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> background.publish("key-1", "value", new CloudEvent("id-8", "telephony.test.v1", TIME))
				.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(RuntimeException.class);
		assertThat(timer("nowhere-either", "failed").count()).isEqualTo(1);
	}

	@Test
	void boundMustBePositive() {
		KafkaTemplate<String, String> kafka = kafka(broker.getBrokersAsString());
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.publishing.publisher(kafka, "any", Duration.ZERO));
	}

	private KafkaTemplate<String, String> kafka(String bootstrapServers) {
		return kafka(bootstrapServers, Map.of());
	}

	private KafkaTemplate<String, String> kafka(String bootstrapServers, Map<String, Object> extra) {
		Map<String, Object> config = new HashMap<>(extra);
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(config,
				new StringSerializer(), new StringSerializer());
		// Records left unsent when the broker went away would hold close() for 30 s.
		factory.setPhysicalCloseTimeout(1);
		this.producers.add(factory);
		return new KafkaTemplate<>(factory);
	}

	private static String topic() {
		String topic = "publishing-" + UUID.randomUUID();
		broker.addTopics(new NewTopic(topic, 3, (short) 1));
		return topic;
	}

	private static ConsumerRecord<String, String> readOne(String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
				ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					return record;
				}
			}
		}
		throw new AssertionError("no record on " + topic);
	}

	private static byte[] header(ConsumerRecord<?, ?> record, String name) {
		return record.headers().lastHeader(name).value();
	}

	private Timer timer(String topic, String outcome) {
		return this.meters.get(KafkaPublishing.TIMER).tag("topic", topic).tag("outcome", outcome).timer();
	}

}
