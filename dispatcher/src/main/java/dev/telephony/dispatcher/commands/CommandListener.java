package dev.telephony.dispatcher.commands;

import dev.telephony.schemas.Command;
import dev.telephony.schemas.Topics;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes commands in the dispatcher group. Commands of one destination share a
 * partition, so they are executed in the order they were given.
 */
@Component
class CommandListener {

	private final CommandHandler handler;

	CommandListener(CommandHandler handler) {
		this.handler = handler;
	}

	@KafkaListener(id = "commands", topics = Topics.COMMANDS)
	void onCommand(Command command) {
		this.handler.handle(command);
	}

}
