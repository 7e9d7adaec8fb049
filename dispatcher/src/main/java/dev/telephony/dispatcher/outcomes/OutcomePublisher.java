package dev.telephony.dispatcher.outcomes;

import dev.telephony.publishing.CloudEvent;
import dev.telephony.publishing.KafkaPublisher;
import dev.telephony.publishing.KafkaPublishing;
import dev.telephony.publishing.NotPublishedException;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.Topics;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes command outcomes and returns only once Kafka has acknowledged them. */
@Component
public class OutcomePublisher {

	private final KafkaPublisher<String, Event> kafka;

	OutcomePublisher(KafkaTemplate<String, Event> kafka, KafkaPublishing publishing, OutcomeProperties properties) {
		this.kafka = publishing.publisher(kafka, Topics.EVENTS, properties.kafkaSendTimeout());
	}

	public void publish(Event event) {
		try {
			this.kafka.publish(event.recordKey(), event,
					new CloudEvent(event.eventId(), event.cloudEventType(), event.occurredAt()));
		}
		catch (NotPublishedException ex) {
			throw new OutcomeNotPublishedException(event, ex);
		}
	}

	/** Kafka did not take the outcome; the command's offset must not be committed. */
	public static class OutcomeNotPublishedException extends RuntimeException {

		OutcomeNotPublishedException(Event event, Throwable cause) {
			super("could not publish " + event.cloudEventType() + " for command " + event.commandId(), cause);
		}

	}

}
