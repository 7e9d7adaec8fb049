package dev.telephony.gateway.correlation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.telephony.schemas.Event;
import dev.telephony.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads every partition of the events topic, with no consumer group: every gateway
 * instance must see every event, because the tool waiting for it may be on any instance.
 * <p>
 * Until it is positioned at the end of every partition it is not {@link #isReady() ready}
 * and tools refuse to publish, since an outcome arriving earlier would be missed. When
 * Kafka is down at start-up the gateway still starts, reports itself unhealthy, and keeps
 * trying.
 */
@Component
public class EventStream implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(EventStream.class);

	private final KafkaProperties kafkaProperties;

	private final JsonMapper json;

	private final EventRouter router;

	private final Counter unreadable;

	private volatile Consumer<String, byte[]> consumer;

	private volatile Thread thread;

	private volatile boolean running;

	private volatile boolean ready;

	EventStream(KafkaProperties kafkaProperties, JsonMapper json, EventRouter router, MeterRegistry meters) {
		this.kafkaProperties = kafkaProperties;
		this.json = json;
		this.router = router;
		this.unreadable = Counter.builder("telephony.events.received")
			.description("Events read by the gateway, by outcome")
			.tag("outcome", "unreadable")
			.register(meters);
	}

	@Override
	public void start() {
		Map<String, Object> config = this.kafkaProperties.buildConsumerProperties();
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-events-" + ProcessHandle.current().pid());
		this.consumer = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer())
			.createConsumer();
		this.running = true;
		this.thread = Thread.ofPlatform().name("event-stream").daemon().start(this::run);
	}

	/** Whether every event published from now on will be seen. */
	public boolean isReady() {
		return this.ready;
	}

	private void run() {
		try {
			while (this.running && !this.ready) {
				this.ready = position();
			}
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(500))) {
					route(record);
				}
			}
		}
		catch (WakeupException ex) {
			// stop() woke us up.
		}
		catch (RuntimeException ex) {
			logger.error("Event stream stopped; waiting tools will time out", ex);
		}
		finally {
			this.ready = false;
			this.consumer.close(Duration.ofSeconds(2));
		}
	}

	private boolean position() {
		try {
			List<TopicPartition> partitions = this.consumer.partitionsFor(Topics.EVENTS, Duration.ofSeconds(5))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			if (partitions.isEmpty()) {
				logger.warn("Topic {} does not exist yet; retrying", Topics.EVENTS);
				return false;
			}
			this.consumer.assign(partitions);
			this.consumer.seekToEnd(partitions);
			// seekToEnd is lazy; resolve the positions now so events published from here
			// on are seen.
			partitions.forEach((partition) -> this.consumer.position(partition, Duration.ofSeconds(5)));
			logger.info("Reading {} partitions of {}", partitions.size(), Topics.EVENTS);
			return true;
		}
		catch (org.apache.kafka.common.errors.TimeoutException ex) {
			logger.warn("Kafka is not reachable yet ({}); tools refuse work until it is", ex.getMessage());
			return false;
		}
	}

	private void route(ConsumerRecord<String, byte[]> record) {
		Event event;
		try {
			event = this.json.readValue(record.value(), Event.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			// A record this version cannot read must not stop the stream for everyone
			// else.
			this.unreadable.increment();
			logger.warn("Skipping unreadable event at {}-{}@{}: {}", record.topic(), record.partition(),
					record.offset(), ex.getMessage());
			return;
		}
		this.router.accept(event);
	}

	@Override
	public void stop() {
		this.running = false;
		Consumer<String, byte[]> events = this.consumer;
		if (events != null) {
			events.wakeup();
		}
		Thread reader = this.thread;
		if (reader != null) {
			try {
				reader.join(Duration.ofSeconds(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Before the web server (which starts in the last phases) so no request outruns
		// the reader.
		return Integer.MIN_VALUE + 1000;
	}

}
