package dev.telephony.publishing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Timer;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Publishes to one topic and returns only once Kafka has acknowledged the record, or
 * throws once the bound has passed. Made by {@link KafkaPublishing#publisher}.
 * <p>
 * The bound cannot cut short the producer's own {@code send()}, which blocks for up to
 * its {@code max.block.ms} while it has no metadata for the topic (as after the broker
 * went away): a service that must answer within the bound keeps {@code max.block.ms}
 * below it.
 */
public final class KafkaPublisher<K, V> {

	private final RecordSender<K, V> sender;

	private final Duration bound;

	KafkaPublisher(RecordSender<K, V> sender, Duration bound) {
		if (bound.isNegative() || bound.isZero()) {
			throw new IllegalArgumentException("the wait for Kafka must be positive, not " + bound);
		}
		this.sender = sender;
		this.bound = bound;
	}

	/**
	 * Publish to the partition the key hashes to, and wait.
	 * @throws NotPublishedException when Kafka did not acknowledge within the bound
	 */
	public void publish(K key, V value, CloudEvent event) {
		publish(null, key, value, event);
	}

	/**
	 * Publish to the given partition, and wait.
	 * @throws NotPublishedException when Kafka did not acknowledge within the bound
	 */
	public void publish(int partition, K key, V value, CloudEvent event) {
		publish(Integer.valueOf(partition), key, value, event);
	}

	private void publish(Integer partition, K key, V value, CloudEvent event) {
		// The bound counts from here, so time the producer spent blocked in send() is
		// not waited for again.
		long deadline = System.nanoTime() + this.bound.toNanos();
		Timer.Sample sample = this.sender.start();
		CompletableFuture<?> acknowledged;
		try {
			acknowledged = this.sender.send(partition, key, value, event);
		}
		catch (RuntimeException ex) {
			// The producer refused the record outright (no metadata within max.block.ms,
			// too large, not serialisable): it was never sent. It turns an interrupt
			// while it blocks into its own InterruptException, and keeps the thread's
			// flag set.
			throw notPublished(sample, interrupt(ex) ? PublishOutcome.INTERRUPTED : PublishOutcome.FAILED, ex, false);
		}
		// From here the producer holds the record: without an acknowledgement nobody can
		// tell whether the broker has it, or will have it after a retry.
		try {
			acknowledged.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw notPublished(sample, PublishOutcome.INTERRUPTED, ex, true);
		}
		catch (TimeoutException ex) {
			throw notPublished(sample, PublishOutcome.TIMEOUT, ex, true);
		}
		catch (ExecutionException ex) {
			throw notPublished(sample, PublishOutcome.FAILED, (ex.getCause() != null) ? ex.getCause() : ex, true);
		}
		this.sender.stop(sample, PublishOutcome.PUBLISHED);
	}

	private static boolean interrupt(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InterruptException || cause instanceof InterruptedException) {
				return true;
			}
		}
		return false;
	}

	private NotPublishedException notPublished(Timer.Sample sample, PublishOutcome outcome, Throwable cause,
			boolean handedOver) {
		this.sender.stop(sample, outcome);
		return new NotPublishedException(this.sender.topic(), outcome, this.bound, cause, handedOver);
	}

}
