package dev.telephony.dispatcher.commands;

import java.util.Collection;

import dev.telephony.dispatcher.dispatchlog.DispatchLog;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * On every rebalance: the dispatch log of the new partitions is read before their first
 * command; revoked ones have their lanes stopped before their offsets are committed, and
 * their dispatch log is forgotten.
 */
@Component
class AssignmentListener implements ConsumerAwareRebalanceListener {

	private final DispatchLog log;

	private final PartitionLanes lanes;

	AssignmentListener(DispatchLog log, PartitionLanes lanes) {
		this.log = log;
		this.lanes = lanes;
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		var numbers = partitions.stream().map(TopicPartition::partition).toList();
		this.log.load(numbers);
	}

	@Override
	public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.lanes.stop(partitions);
	}

	@Override
	public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		forget(consumer, partitions);
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.lanes.stop(partitions);
		forget(consumer, partitions);
	}

	private void forget(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		var numbers = partitions.stream().map(TopicPartition::partition).toList();
		this.log.forget(numbers);
	}

}
