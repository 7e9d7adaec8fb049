package dev.telephony.dispatcher.commands;

import java.time.Duration;

import dev.telephony.schemas.Command;
import dev.telephony.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes commands in the dispatcher group. Commands of one destination share a
 * partition and are executed in order: a command that must wait (rate limit, back-off) is
 * negatively acknowledged, which pauses its partition for the wait instead of blocking
 * the poll loop.
 */
@Component
class CommandListener {

	private final CommandHandler handler;

	CommandListener(CommandHandler handler) {
		this.handler = handler;
	}

	@KafkaListener(id = "commands", idIsGroup = false, topics = Topics.COMMANDS)
	void onCommand(ConsumerRecord<String, Command> record, Acknowledgment acknowledgment) {
		Duration later = this.handler.handle(record.partition(), record.value());
		if (later.isZero()) {
			acknowledgment.acknowledge();
		}
		else {
			acknowledgment.nack(later);
		}
	}

}
