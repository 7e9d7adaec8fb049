package dev.telephony.gateway.commands;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.telephony.schemas.CloudEventHeaders;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes commands and returns only once Kafka has acknowledged them. */
@Component
public class CommandPublisher {

	private final KafkaTemplate<String, Command> kafka;

	private final PublisherProperties properties;

	private final MeterRegistry meters;

	private final String source;

	CommandPublisher(KafkaTemplate<String, Command> kafka, PublisherProperties properties, MeterRegistry meters,
			@Value("${spring.application.name}") String applicationName) {
		this.kafka = kafka;
		this.properties = properties;
		this.meters = meters;
		this.source = "/" + applicationName;
	}

	/**
	 * Publish and wait for the broker's acknowledgement.
	 * @throws CommandNotQueuedException when Kafka did not acknowledge in time
	 */
	public void publish(Command command) {
		ProducerRecord<String, Command> record = new ProducerRecord<>(Topics.COMMANDS, command.recordKey(), command);
		CloudEventHeaders
			.attributes(command.commandId().toString(), command.cloudEventType(), this.source, command.createdAt())
			.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		try {
			this.kafka.send(record).get(this.properties.kafkaSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
			count(command, "published");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			count(command, "interrupted");
			throw new CommandNotQueuedException("interrupted while queueing the command", ex);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			count(command, "failed");
			throw new CommandNotQueuedException("Kafka did not acknowledge the command within "
					+ this.properties.kafkaSendTimeout().toSeconds() + " s", ex);
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
