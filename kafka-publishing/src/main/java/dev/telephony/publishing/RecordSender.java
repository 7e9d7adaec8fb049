package dev.telephony.publishing;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.telephony.schemas.CloudEventHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaOperations;

/**
 * What both publishers share: the record with its key and CloudEvents headers, the send,
 * and the timer of each outcome.
 */
final class RecordSender<K, V> {

	private final KafkaOperations<K, V> kafka;

	private final String topic;

	private final String source;

	private final MeterRegistry meters;

	private final Map<PublishOutcome, Timer> timers = new EnumMap<>(PublishOutcome.class);

	RecordSender(KafkaOperations<K, V> kafka, String topic, String source, MeterRegistry meters) {
		this.kafka = kafka;
		this.topic = topic;
		this.source = source;
		this.meters = meters;
		// Registered now, so that every outcome is exported at zero from start-up: a
		// rate() over failures has a series before the first failure.
		for (PublishOutcome outcome : PublishOutcome.values()) {
			this.timers.put(outcome,
					Timer.builder(KafkaPublishing.TIMER)
						.description("Time for Kafka to take a record, by topic and outcome")
						.tag("topic", topic)
						.tag("outcome", outcome.tag())
						.register(meters));
		}
	}

	String topic() {
		return this.topic;
	}

	Timer.Sample start() {
		return Timer.start(this.meters);
	}

	/**
	 * Sends without waiting. The producer may still block here for its
	 * {@code max.block.ms} while it has no metadata for the topic.
	 */
	CompletableFuture<?> send(Integer partition, K key, V value, CloudEvent event) {
		ProducerRecord<K, V> record = new ProducerRecord<>(this.topic, partition, key, value);
		CloudEventHeaders.attributes(event.id(), event.type(), this.source, event.time())
			.forEach((name, attribute) -> record.headers().add(name, attribute.getBytes(StandardCharsets.UTF_8)));
		return this.kafka.send(record);
	}

	void stop(Timer.Sample sample, PublishOutcome outcome) {
		sample.stop(this.timers.get(outcome));
	}

}
