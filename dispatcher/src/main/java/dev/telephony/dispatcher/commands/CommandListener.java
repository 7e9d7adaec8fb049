package dev.telephony.dispatcher.commands;

import dev.telephony.schemas.Command;
import dev.telephony.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes commands in the dispatcher group. Commands of one destination share a
 * partition and are executed in order, each partition on its own lane (see
 * {@link PartitionLanes}), so that the consumer thread never waits for a rate slot or a
 * back-off.
 */
@Component
class CommandListener {

	static final String ID = "commands";

	private final PartitionLanes lanes;

	CommandListener(PartitionLanes lanes) {
		this.lanes = lanes;
	}

	@KafkaListener(id = ID, idIsGroup = false, topics = Topics.COMMANDS)
	void onCommand(ConsumerRecord<String, Command> record, Acknowledgment acknowledgment) {
		this.lanes.submit(record, acknowledgment);
	}

}
