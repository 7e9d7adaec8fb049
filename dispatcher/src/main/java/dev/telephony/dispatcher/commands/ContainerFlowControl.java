package dev.telephony.dispatcher.commands;

import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.stereotype.Component;

/**
 * Pauses the commands listener's partitions. Pause requests are flags the consumer thread
 * applies before its next poll, so lanes may ask from any thread.
 */
@Component
class ContainerFlowControl implements PartitionLanes.FlowControl {

	private final ObjectProvider<KafkaListenerEndpointRegistry> registry;

	ContainerFlowControl(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void pause(TopicPartition partition) {
		this.registry.getObject().getListenerContainer(CommandListener.ID).pausePartition(partition);
	}

	@Override
	public void resume(TopicPartition partition) {
		this.registry.getObject().getListenerContainer(CommandListener.ID).resumePartition(partition);
	}

}
