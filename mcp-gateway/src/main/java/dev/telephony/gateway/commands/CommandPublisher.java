package dev.telephony.gateway.commands;

import dev.telephony.publishing.CloudEvent;
import dev.telephony.publishing.KafkaPublisher;
import dev.telephony.publishing.KafkaPublishing;
import dev.telephony.publishing.NotPublishedException;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes commands and returns only once Kafka has acknowledged them. */
@Component
public class CommandPublisher {

	private final KafkaPublisher<String, Command> kafka;

	private final MeterRegistry meters;

	CommandPublisher(KafkaTemplate<String, Command> kafka, KafkaPublishing publishing, PublisherProperties properties,
			MeterRegistry meters) {
		this.kafka = publishing.publisher(kafka, Topics.COMMANDS, properties.kafkaSendTimeout());
		this.meters = meters;
	}

	/**
	 * Publish and wait for the broker's acknowledgement.
	 * @throws CommandNotQueuedException when Kafka did not acknowledge in time
	 */
	public void publish(Command command) {
		try {
			this.kafka.publish(command.recordKey(), command,
					new CloudEvent(command.commandId().toString(), command.cloudEventType(), command.createdAt()));
			count(command, "published");
		}
		catch (NotPublishedException ex) {
			if (ex.interrupted()) {
				count(command, "interrupted");
				throw new CommandNotQueuedException("interrupted while queueing the command", ex,
						ex.mayHaveBeenWritten());
			}
			count(command, "failed");
			throw new CommandNotQueuedException(
					"Kafka did not acknowledge the command within " + ex.bound().toSeconds() + " s", ex,
					ex.mayHaveBeenWritten());
		}
	}

	private void count(Command command, String outcome) {
		Counter.builder("telephony.commands.published")
			.description("Commands the gateway tried to publish, by outcome")
			.tag("command.type", command.cloudEventType())
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

}
