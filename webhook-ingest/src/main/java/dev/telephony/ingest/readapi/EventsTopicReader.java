package dev.telephony.ingest.readapi;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.telephony.schemas.Event;
import dev.telephony.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Feeds {@link RecentEvents} from the events topic: every partition, assigned directly
 * with no consumer group, from the look-back window on. So every replica reads the same
 * events and answers the read API the same, whoever received the webhook, and a restarted
 * replica gets its view back. Runs on its own thread and keeps retrying while Kafka is
 * away, so that webhooks are still taken (and refused with 503) meanwhile.
 */
@Component
class EventsTopicReader implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(EventsTopicReader.class);

	private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

	private final KafkaProperties kafkaProperties;

	private final JsonMapper json;

	private final RecentEvents events;

	private final Clock clock;

	private final Duration lookBack;

	private volatile boolean running;

	private volatile KafkaConsumer<String, String> consumer;

	private Thread thread;

	EventsTopicReader(KafkaProperties kafkaProperties, JsonMapper json, RecentEvents events, Clock clock,
			ReadApiProperties properties) {
		this.kafkaProperties = kafkaProperties;
		this.json = json;
		this.events = events;
		this.clock = clock;
		this.lookBack = properties.lookBack();
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.thread = Thread.ofPlatform().name("events-topic-reader").daemon().start(this::run);
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		KafkaConsumer<String, String> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		try {
			this.thread.join(Duration.ofSeconds(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		while (this.running) {
			try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerProperties(),
					new StringDeserializer(), new StringDeserializer())) {
				this.consumer = kafka;
				readFromLookBack(kafka);
			}
			catch (WakeupException ex) {
				// stop() asked us to leave.
			}
			catch (RuntimeException ex) {
				if (this.running) {
					logger.warn("Cannot read {} for the read API, retrying: {}", Topics.EVENTS, ex.toString());
					pause();
				}
			}
			finally {
				this.consumer = null;
			}
		}
	}

	private void readFromLookBack(KafkaConsumer<String, String> kafka) {
		List<PartitionInfo> infos = kafka.partitionsFor(Topics.EVENTS, Duration.ofSeconds(10));
		if (infos == null || infos.isEmpty()) {
			throw new IllegalStateException("topic " + Topics.EVENTS + " has no partitions yet");
		}
		List<TopicPartition> partitions = infos.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		kafka.assign(partitions);
		long since = this.clock.instant().minus(this.lookBack).toEpochMilli();
		Map<TopicPartition, Long> query = new HashMap<>();
		partitions.forEach((partition) -> query.put(partition, since));
		Map<TopicPartition, OffsetAndTimestamp> offsets = kafka.offsetsForTimes(query, Duration.ofSeconds(10));
		for (TopicPartition partition : partitions) {
			OffsetAndTimestamp offset = offsets.get(partition);
			if (offset != null) {
				kafka.seek(partition, offset.offset());
			}
			else {
				// Nothing as recent as the window: only what comes next.
				kafka.seekToEnd(List.of(partition));
			}
		}
		while (this.running) {
			for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofSeconds(1))) {
				add(record);
			}
		}
	}

	private void add(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			return;
		}
		try {
			this.events.add(this.json.readValue(record.value(), Event.class));
		}
		catch (JacksonException ex) {
			// A newer event type or a foreign record: not ours to show, not worth a stop.
			logger.debug("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
					ex.getOriginalMessage());
		}
	}

	/** The application's consumer settings (servers, security), but no group. */
	private Map<String, Object> consumerProperties() {
		Map<String, Object> properties = new HashMap<>(this.kafkaProperties.buildConsumerProperties());
		properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
		properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "webhook-ingest-read-api");
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		return properties;
	}

	private void pause() {
		try {
			Thread.sleep(RETRY_DELAY);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
