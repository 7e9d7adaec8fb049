package dev.telephony.publishing;

import java.time.Duration;
import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.kafka.core.KafkaOperations;

/**
 * Makes the publishers of one service. Every record it publishes carries the same
 * CloudEvents headers ({@code ce_source} is this service's) and is timed by one timer,
 * {@value #TIMER}, tagged by topic and {@link PublishOutcome outcome}.
 */
public final class KafkaPublishing {

	/**
	 * The timer of every publish; Prometheus shows it as telephony_kafka_publish_seconds.
	 */
	public static final String TIMER = "telephony.kafka.publish";

	private final MeterRegistry meters;

	private final String source;

	/**
	 * @param meters where the timer goes
	 * @param source the {@code ce_source} of this service's records, such as
	 * {@code /mcp-gateway}
	 */
	public KafkaPublishing(MeterRegistry meters, String source) {
		this.meters = Objects.requireNonNull(meters, "meters");
		this.source = Objects.requireNonNull(source, "source");
	}

	public String source() {
		return this.source;
	}

	/**
	 * A publisher that waits for each acknowledgement, at most {@code bound}.
	 * @param topic one fixed topic name: it is a tag value
	 */
	public <K, V> KafkaPublisher<K, V> publisher(KafkaOperations<K, V> kafka, String topic, Duration bound) {
		return new KafkaPublisher<>(sender(kafka, topic), Objects.requireNonNull(bound, "bound"));
	}

	/**
	 * A publisher that never waits.
	 * @param topic one fixed topic name: it is a tag value
	 */
	public <K, V> BackgroundPublisher<K, V> backgroundPublisher(KafkaOperations<K, V> kafka, String topic) {
		return new BackgroundPublisher<>(sender(kafka, topic));
	}

	private <K, V> RecordSender<K, V> sender(KafkaOperations<K, V> kafka, String topic) {
		return new RecordSender<>(Objects.requireNonNull(kafka, "kafka"), Objects.requireNonNull(topic, "topic"),
				this.source, this.meters);
	}

}
