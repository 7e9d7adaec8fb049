package dev.telephony.dispatcher.commands;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.telephony.dispatcher.dispatchlog.DispatchLog;
import dev.telephony.dispatcher.ratelimit.RateLimits;
import dev.telephony.schemas.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * On every rebalance: the dispatch log of the new partitions is read before their first
 * command, and this process's share of the global rate limits follows its share of the
 * partitions.
 */
@Component
class AssignmentListener implements ConsumerAwareRebalanceListener {

	private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();

	private final DispatchLog log;

	private final RateLimits rateLimits;

	AssignmentListener(DispatchLog log, RateLimits rateLimits) {
		this.log = log;
		this.rateLimits = rateLimits;
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		var numbers = partitions.stream().map(TopicPartition::partition).toList();
		this.log.load(numbers);
		this.assigned.addAll(numbers);
		this.rateLimits.share(this.assigned, consumer.partitionsFor(Topics.COMMANDS).size());
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
		this.assigned.removeAll(numbers);
		this.log.forget(numbers);
		this.rateLimits.share(this.assigned, consumer.partitionsFor(Topics.COMMANDS).size());
	}

}
