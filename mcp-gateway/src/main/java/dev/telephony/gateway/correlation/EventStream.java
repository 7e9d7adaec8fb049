package dev.telephony.gateway.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.telephony.gateway.view.ViewProperties;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
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
 * Reads every partition of the commands and events topics, with no consumer group: every
 * gateway instance must see everything, because the tool waiting for an event may be on
 * any instance, and every instance answers {@code check_call_status} from the same view.
 * <p>
 * At start it replays the look-back window. Until it has caught up with the end of every
 * partition as it was then, it is not {@link #isReady() ready} and tools refuse work,
 * since the view would be incomplete. When Kafka is down at start-up the gateway still
 * starts, reports itself unhealthy, and keeps trying.
 */
@Component
public class EventStream implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(EventStream.class);

	private final KafkaProperties kafkaProperties;

	private final JsonMapper json;

	private final EventRouter router;

	private final Duration lookBack;

	private Map<TopicPartition, Long> catchUpTo = Map.of();

	private final Counter unreadable;

	private volatile Consumer<String, byte[]> consumer;

	private volatile KafkaClientMetrics clientMetrics;

	private final MeterRegistry meters;

	private volatile Thread thread;

	private volatile boolean running;

	private volatile boolean ready;

	EventStream(KafkaProperties kafkaProperties, JsonMapper json, EventRouter router, ViewProperties properties,
			MeterRegistry meters) {
		this.kafkaProperties = kafkaProperties;
		this.json = json;
		this.router = router;
		this.lookBack = properties.lookBack();
		this.meters = meters;
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
		// Its lag is how far the view is behind the topics.
		this.clientMetrics = new KafkaClientMetrics(this.consumer);
		this.clientMetrics.bindTo(this.meters);
		this.running = true;
		this.thread = Thread.ofPlatform().name("event-stream").daemon().start(this::run);
	}

	/** Whether every event published from now on will be seen. */
	public boolean isReady() {
		return this.ready;
	}

	private void run() {
		try {
			boolean positioned = false;
			while (this.running && !positioned) {
				positioned = position();
			}
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
					route(record);
				}
				if (!this.ready && caughtUp()) {
					this.ready = true;
					logger.info("View replayed; reading {} and {} live", Topics.COMMANDS, Topics.EVENTS);
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
			this.clientMetrics.close();
			this.consumer.close(Duration.ofSeconds(2));
		}
	}

	private boolean position() {
		try {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : List.of(Topics.COMMANDS, Topics.EVENTS)) {
				List<TopicPartition> ofTopic = partitions(topic);
				if (ofTopic.isEmpty()) {
					logger.warn("Topic {} does not exist yet; retrying", topic);
					return false;
				}
				partitions.addAll(ofTopic);
			}
			this.consumer.assign(partitions);
			long since = Instant.now().minus(this.lookBack).toEpochMilli();
			Map<TopicPartition, Long> times = new HashMap<>();
			partitions.forEach((partition) -> times.put(partition, since));
			Map<TopicPartition, OffsetAndTimestamp> starts = this.consumer.offsetsForTimes(times,
					Duration.ofSeconds(5));
			this.catchUpTo = this.consumer.endOffsets(partitions, Duration.ofSeconds(5));
			for (TopicPartition partition : partitions) {
				OffsetAndTimestamp start = starts.get(partition);
				this.consumer.seek(partition, (start != null) ? start.offset() : this.catchUpTo.get(partition));
			}
			logger.info("Replaying {} partitions from {} back", partitions.size(), this.lookBack);
			return true;
		}
		catch (org.apache.kafka.common.errors.TimeoutException ex) {
			logger.warn("Kafka is not reachable yet ({}); tools refuse work until it is", ex.getMessage());
			return false;
		}
	}

	private List<TopicPartition> partitions(String topic) {
		return this.consumer.partitionsFor(topic, Duration.ofSeconds(5))
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
	}

	private boolean caughtUp() {
		return this.catchUpTo.entrySet()
			.stream()
			.allMatch((end) -> this.consumer.position(end.getKey()) >= end.getValue());
	}

	private void route(ConsumerRecord<String, byte[]> record) {
		try {
			if (record.topic().equals(Topics.COMMANDS)) {
				this.router.accept(this.json.readValue(record.value(), Command.class));
			}
			else {
				this.router.accept(this.json.readValue(record.value(), Event.class));
			}
		}
		catch (JacksonException | IllegalArgumentException ex) {
			// A record this version cannot read must not stop the stream for everyone
			// else.
			this.unreadable.increment();
			logger.warn("Skipping unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
					record.offset(), ex.getMessage());
		}
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
