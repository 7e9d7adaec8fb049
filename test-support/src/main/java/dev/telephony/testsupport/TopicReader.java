package dev.telephony.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of one topic from the beginning, without a consumer group, so
 * that a test sees all that was published, whichever partition a key landed on, and
 * commits nothing another reader could miss.
 */
public final class TopicReader<V> implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(200);

	private final KafkaConsumer<String, V> consumer;

	private final List<TopicPartition> partitions;

	private TopicReader(String bootstrapServers, String topic, Deserializer<V> values) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
		this.partitions = this.consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		this.consumer.assign(this.partitions);
		this.consumer.seekToBeginning(this.partitions);
	}

	public static TopicReader<String> strings(String bootstrapServers, String topic) {
		return new TopicReader<>(bootstrapServers, topic, new StringDeserializer());
	}

	public static TopicReader<byte[]> bytes(String bootstrapServers, String topic) {
		return new TopicReader<>(bootstrapServers, topic, new ByteArrayDeserializer());
	}

	/** Everything on the topic now, read with a reader that is closed again. */
	public static List<ConsumerRecord<String, String>> allStrings(String bootstrapServers, String topic) {
		try (TopicReader<String> reader = strings(bootstrapServers, topic)) {
			return reader.readToEnd();
		}
	}

	/** Everything on the topic now, read with a reader that is closed again. */
	public static List<ConsumerRecord<String, byte[]>> allBytes(String bootstrapServers, String topic) {
		try (TopicReader<byte[]> reader = bytes(bootstrapServers, topic)) {
			return reader.readToEnd();
		}
	}

	/**
	 * Reads on to the end every partition has now; a reader kept open returns only what
	 * came since its last call.
	 */
	public List<ConsumerRecord<String, V>> readToEnd() {
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(this.partitions);
		List<ConsumerRecord<String, V>> records = new ArrayList<>();
		while (this.partitions.stream()
			.anyMatch((partition) -> this.consumer.position(partition) < ends.get(partition))) {
			this.consumer.poll(POLL).forEach(records::add);
		}
		return records;
	}

	/** How many records were ever written to the topic: its partitions' end offsets. */
	public long written() {
		return this.consumer.endOffsets(this.partitions).values().stream().mapToLong(Long::longValue).sum();
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
