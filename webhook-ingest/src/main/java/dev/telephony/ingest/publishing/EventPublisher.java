package dev.telephony.ingest.publishing;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.telephony.publishing.CloudEvent;
import dev.telephony.publishing.KafkaPublisher;
import dev.telephony.publishing.KafkaPublishing;
import dev.telephony.publishing.NotPublishedException;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.Topics;
import io.micrometer.core.instrument.Timer;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes provider events and returns only once Kafka has acknowledged them: the
 * webhook is answered 2xx only then, so an event Kafka did not take is redelivered by
 * Vonage, not lost.
 */
@Component
public class EventPublisher {

	private final KafkaPublisher<String, Event> kafka;

	private final WebhookMetrics metrics;

	// Event ids Kafka acknowledged lately. A redelivered webhook found here is answered
	// without a second record; one that is not (another replica took it, or it is older)
	// is published again and left to the readers' de-duplication.
	private final Cache<String, Boolean> published = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofHours(1))
		.build();

	EventPublisher(KafkaTemplate<String, Event> kafka, KafkaPublishing publishing, WebhookMetrics metrics,
			WebhookProperties properties) {
		this.kafka = publishing.publisher(kafka, Topics.EVENTS, properties.kafkaSendTimeout());
		this.metrics = metrics;
	}

	/**
	 * Publish the event of a webhook and count it.
	 * @param webhookSource the kind of webhook, for metrics
	 * @throws WebhookRejectedException 503 when Kafka did not acknowledge in time
	 */
	public void publishWebhookEvent(String webhookSource, Event event) {
		if (this.published.getIfPresent(event.eventId()) != null) {
			// Vonage redelivers what it thinks we missed; Kafka has it already.
			this.metrics.received(webhookSource, "duplicate");
			return;
		}
		Timer.Sample sample = Timer.start();
		try {
			publish(event);
		}
		catch (EventNotPublishedException ex) {
			throw WebhookRejectedException.unavailable(webhookSource, ex.getCause());
		}
		sample.stop(this.metrics.publishTimer(webhookSource));
		this.published.put(event.eventId(), Boolean.TRUE);
		this.metrics.received(webhookSource, "published");
		this.metrics.published(event);
	}

	/**
	 * Publish and wait for the broker.
	 * @throws EventNotPublishedException when Kafka did not acknowledge in time
	 */
	public void publish(Event event) {
		try {
			this.kafka.publish(event.recordKey(), event,
					new CloudEvent(event.eventId(), event.cloudEventType(), event.receivedAt()));
		}
		catch (NotPublishedException ex) {
			throw new EventNotPublishedException(ex);
		}
	}

	/**
	 * Kafka did not take the event; the webhook must be refused so that Vonage retries.
	 */
	public static class EventNotPublishedException extends RuntimeException {

		EventNotPublishedException(Throwable cause) {
			super("Kafka did not acknowledge the event", cause);
		}

	}

}
