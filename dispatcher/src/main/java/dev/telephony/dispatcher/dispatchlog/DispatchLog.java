package dev.telephony.dispatcher.dispatchlog;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.telephony.publishing.CloudEvent;
import dev.telephony.publishing.KafkaPublisher;
import dev.telephony.publishing.KafkaPublishing;
import dev.telephony.publishing.NotPublishedException;
import dev.telephony.schemas.DispatchRecord;
import dev.telephony.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * What this dispatcher did with the commands of its partitions, so that a redelivered
 * command is never sent twice. Records go to the dispatch-log partition with the same
 * number as the command's partition; whoever owns a command partition reads that log
 * partition on assignment.
 */
@Component
public class DispatchLog {

	private static final Logger logger = LoggerFactory.getLogger(DispatchLog.class);

	private final Map<Integer, Map<UUID, DispatchRecord>> partitions = new ConcurrentHashMap<>();

	private final KafkaPublisher<Object, Object> kafka;

	private final KafkaProperties kafkaProperties;

	private final JsonMapper json;

	DispatchLog(KafkaTemplate<Object, Object> kafka, KafkaPublishing publishing, DispatchLogProperties properties,
			KafkaProperties kafkaProperties, JsonMapper json) {
		this.kafka = publishing.publisher(kafka, Topics.DISPATCH_LOG, properties.kafkaSendTimeout());
		this.kafkaProperties = kafkaProperties;
		this.json = json;
	}

	public Optional<DispatchRecord> get(int partition, UUID commandId) {
		Map<UUID, DispatchRecord> log = this.partitions.get(partition);
		return Optional.ofNullable((log != null) ? log.get(commandId) : null);
	}

	/**
	 * Writes and waits for the broker: when this returns, a dispatcher taking over the
	 * partition will see the record.
	 */
	public void write(int partition, DispatchRecord record) {
		try {
			this.kafka.publish(partition, record.commandId().toString(), record,
					new CloudEvent(record.commandId() + "/" + record.state() + "/" + record.attempts(),
							"telephony.dispatch-record.v1", record.recordedAt()));
		}
		catch (NotPublishedException ex) {
			throw new DispatchLogUnavailableException(ex);
		}
		this.partitions.computeIfAbsent(partition, (number) -> new ConcurrentHashMap<>())
			.put(record.commandId(), record);
	}

	/**
	 * Reads the log partitions of newly assigned command partitions, from the start to
	 * the end.
	 */
	public void load(Collection<Integer> assigned) {
		if (assigned.isEmpty()) {
			return;
		}
		Map<String, Object> config = this.kafkaProperties.buildConsumerProperties();
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> logPartitions = assigned.stream()
				.map((number) -> new TopicPartition(Topics.DISPATCH_LOG, number))
				.toList();
			consumer.assign(logPartitions);
			consumer.seekToBeginning(logPartitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(logPartitions);
			assigned.forEach((number) -> this.partitions.put(number, new ConcurrentHashMap<>()));
			int read = 0;
			while (logPartitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					apply(record);
					read++;
				}
			}
			logger.info("Dispatch log of partitions {} loaded: {} records", assigned, read);
		}
	}

	public void forget(Collection<Integer> revoked) {
		revoked.forEach(this.partitions::remove);
	}

	private void apply(ConsumerRecord<String, byte[]> record) {
		Map<UUID, DispatchRecord> log = this.partitions.get(record.partition());
		if (record.value() == null) {
			log.remove(UUID.fromString(record.key()));
			return;
		}
		DispatchRecord entry = this.json.readValue(record.value(), DispatchRecord.class);
		log.put(entry.commandId(), entry);
	}

	/**
	 * The log cannot be written: the command must not be executed, and will be
	 * redelivered.
	 */
	public static class DispatchLogUnavailableException extends RuntimeException {

		DispatchLogUnavailableException(Throwable cause) {
			super("the dispatch log could not be written", cause);
		}

	}

}
