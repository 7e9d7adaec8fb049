package dev.telephony.dispatcher.system;

import java.time.Instant;
import java.util.UUID;

import dev.telephony.dispatcher.outcomes.OutcomePublisher;
import dev.telephony.schemas.CommandFailed;
import dev.telephony.schemas.EventIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;

/**
 * Fails a dead-lettered command whose id can still be read, so its tool call gets an
 * answer.
 */
@Component
class PoisonCommands {

	private static final Logger logger = LoggerFactory.getLogger(PoisonCommands.class);

	private final OutcomePublisher outcomes;

	private final JsonMapper json;

	private final Counter deadLettered;

	PoisonCommands(OutcomePublisher outcomes, JsonMapper json, MeterRegistry meters) {
		this.outcomes = outcomes;
		this.json = json;
		// Unreadable commands have no type to tell; they share the processed series.
		this.deadLettered = Counter.builder("telephony.commands.processed")
			.description("Commands the dispatcher handled, by type and outcome")
			.tag("command.type", "unreadable")
			.tag("outcome", "dead_lettered")
			.register(meters);
	}

	void fail(ConsumerRecord<?, ?> record, Exception failure) {
		this.deadLettered.increment();
		UUID commandId = commandId(record, failure);
		logger.warn("Dead-lettered {}-{}@{} (command {}): {}", record.topic(), record.partition(), record.offset(),
				commandId, failure.getMessage());
		if (commandId == null) {
			return;
		}
		Instant now = Instant.now();
		this.outcomes.publish(new CommandFailed(EventIds.of("command-outcome", commandId), commandId, now, now,
				"invalid_command", "The dispatcher could not read this command: " + rootMessage(failure), 0, false));
	}

	private UUID commandId(ConsumerRecord<?, ?> record, Exception failure) {
		byte[] raw = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DeserializationException unreadable) {
				raw = unreadable.getData();
			}
		}
		if (raw == null && record.value() instanceof byte[] bytes) {
			raw = bytes;
		}
		if (raw == null) {
			return null;
		}
		try {
			JsonNode id = this.json.readTree(raw).path("commandId");
			return id.isString() ? UUID.fromString(id.asString()) : null;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage();
	}

}
