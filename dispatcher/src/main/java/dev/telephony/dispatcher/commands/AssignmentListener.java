package dev.telephony.dispatcher.commands;

import java.util.Collection;

import dev.telephony.dispatcher.dispatchlog.DispatchLog;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * On every rebalance: the dispatch log of the new partitions is read before their first
 * command, and that of revoked ones is forgotten.
 */
@Component
class AssignmentListener implements ConsumerAwareRebalanceListener {

	private final DispatchLog log;

	AssignmentListener(DispatchLog log) {
		this.log = log;
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		var numbers = partitions.stream().map(TopicPartition::partition).toList();
		this.log.load(numbers);
	}

	@Override
	public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		forget(consumer, partitions);
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		forget(consumer, partitions);
	}

	private void forget(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		var numbers = partitions.stream().map(TopicPartition::partition).toList();
		this.log.forget(numbers);
	}

}
