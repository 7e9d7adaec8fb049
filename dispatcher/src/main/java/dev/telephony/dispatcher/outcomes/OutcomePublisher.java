package dev.telephony.dispatcher.outcomes;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.telephony.schemas.CloudEventHeaders;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes command outcomes and returns only once Kafka has acknowledged them. */
@Component
public class OutcomePublisher {

	private static final long SEND_TIMEOUT_SECONDS = 30;

	private final KafkaTemplate<String, Event> kafka;

	private final String source;

	OutcomePublisher(KafkaTemplate<String, Event> kafka, @Value("${spring.application.name}") String applicationName) {
		this.kafka = kafka;
		this.source = "/" + applicationName;
	}

	public void publish(Event event) {
		ProducerRecord<String, Event> record = new ProducerRecord<>(Topics.EVENTS, event.recordKey(), event);
		CloudEventHeaders.attributes(event.eventId(), event.cloudEventType(), this.source, event.occurredAt())
			.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		try {
			this.kafka.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OutcomeNotPublishedException(event, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
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
