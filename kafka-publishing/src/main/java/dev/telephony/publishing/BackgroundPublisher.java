package dev.telephony.publishing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.micrometer.core.instrument.Timer;

/**
 * Publishes to one topic without holding up the caller, for records whose writer must not
 * wait for Kafka. No bound cuts the wait short: the producer's
 * {@code delivery.timeout.ms} ends it, and only then is the outcome known. Made by
 * {@link KafkaPublishing#backgroundPublisher}.
 */
public final class BackgroundPublisher<K, V> {

	private final RecordSender<K, V> sender;

	BackgroundPublisher(RecordSender<K, V> sender) {
		this.sender = sender;
	}

	/**
	 * Publish to the partition the key hashes to.
	 * @return completes when Kafka has acknowledged the record, or exceptionally with the
	 * producer's own failure; never throws itself
	 */
	public CompletableFuture<Void> publish(K key, V value, CloudEvent event) {
		Timer.Sample sample = this.sender.start();
		CompletableFuture<Void> written = new CompletableFuture<>();
		try {
			this.sender.send(null, key, value, event).whenComplete((result, ex) -> {
				if (ex == null) {
					this.sender.stop(sample, PublishOutcome.PUBLISHED);
					written.complete(null);
				}
				else {
					this.sender.stop(sample, PublishOutcome.FAILED);
					written.completeExceptionally(unwrap(ex));
				}
			});
		}
		catch (RuntimeException ex) {
			this.sender.stop(sample, PublishOutcome.FAILED);
			written.completeExceptionally(ex);
		}
		return written;
	}

	private static Throwable unwrap(Throwable ex) {
		return (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

}
