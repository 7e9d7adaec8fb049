package dev.telephony.dispatcher.commands;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.telephony.schemas.Command;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Runs the commands of each assigned partition on a thread of its own, one after the
 * other, so that every partition with work has a request being prepared or waiting for
 * its rate slot: the account's limit, not the number of consumer threads, bounds the
 * rate, and commands of one destination keep their order. The consumer thread only
 * fetches. A partition with {@link #QUEUED_LIMIT} commands queued is paused until its
 * lane catches up, so a backlog stays in Kafka, not in memory.
 * <p>
 * A command is acknowledged when it is finished. A command that must wait (rate limit,
 * back-off) waits on its lane, holding back the commands behind it, as a nack would. When
 * partitions are revoked, their lanes drop what is queued (it is delivered again to the
 * next owner) and the revocation waits for the command under way, so that its
 * dispatch-log record is written before anyone else reads the log.
 */
@Component
class PartitionLanes {

	private static final Logger logger = LoggerFactory.getLogger(PartitionLanes.class);

	/** Enough for the next command to be ready when one finishes. */
	static final int QUEUED_LIMIT = 8;

	/**
	 * How long a revocation waits for a lane's command under way before interrupting it.
	 */
	private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(15);

	private final Map<TopicPartition, Lane> lanes = new ConcurrentHashMap<>();

	private final Handling handling;

	private final ConsumerRecordRecoverer recoverer;

	private final BackOff failureBackOff;

	private final FlowControl flow;

	PartitionLanes(Handling handling, ConsumerRecordRecoverer recoverer, BackOff failureBackOff, FlowControl flow) {
		this.handling = handling;
		this.recoverer = recoverer;
		this.failureBackOff = failureBackOff;
		this.flow = flow;
	}

	/** Called on the consumer thread: queues the command on its partition's lane. */
	void submit(ConsumerRecord<String, Command> record, Acknowledgment acknowledgment) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		this.lanes.computeIfAbsent(partition, Lane::new).add(new Work(record, acknowledgment));
	}

	/**
	 * Called on the consumer thread when partitions are revoked or lost: stops their
	 * lanes and waits for the commands under way.
	 */
	void stop(Collection<TopicPartition> partitions) {
		for (TopicPartition partition : partitions) {
			Lane lane = this.lanes.remove(partition);
			if (lane != null) {
				lane.stop();
			}
			// A lane's pause would otherwise outlive it, and hold the partition
			// paused when it is assigned here again.
			this.flow.resume(partition);
		}
	}

	/** What a lane does with one command. */
	@FunctionalInterface
	interface Handling {

		/**
		 * Handles the command once more.
		 * @return zero when it is finished, else how long to wait before it is handled
		 * again
		 */
		Duration handle(int partition, Command command);

	}

	/** Stops and restarts the fetching of a partition. */
	interface FlowControl {

		void pause(TopicPartition partition);

		void resume(TopicPartition partition);

	}

	private record Work(ConsumerRecord<String, Command> record, Acknowledgment acknowledgment) {
	}

	private final class Lane {

		private final TopicPartition partition;

		private final Queue<Work> queued = new ArrayDeque<>();

		private Thread runner;

		private boolean waiting;

		private boolean paused;

		private boolean stopped;

		Lane(TopicPartition partition) {
			this.partition = partition;
		}

		synchronized void add(Work work) {
			if (this.stopped) {
				return;
			}
			this.queued.add(work);
			if (this.runner == null) {
				// A platform thread: a virtual one waking at its slot's start would queue
				// for one of a few carrier threads, which on a busy host costs the slot.
				// It stays until the lane is stopped: at low load every command finds
				// its lane idle, and starting a thread for each cost more than waking
				// one.
				this.runner = Thread.ofPlatform().name("commands-" + this.partition).daemon().start(this::run);
			}
			else {
				notifyAll();
			}
			flowControl();
		}

		private void run() {
			Work work;
			while ((work = next()) != null) {
				if (!finish(work)) {
					return;
				}
			}
		}

		/** The next command, once there is one; null when the lane is stopped. */
		private synchronized Work next() {
			Work work = null;
			while (!this.stopped && (work = this.queued.poll()) == null) {
				try {
					wait();
				}
				catch (InterruptedException ex) {
					// Only stop() interrupts, and it has marked the lane stopped.
					Thread.currentThread().interrupt();
					return null;
				}
			}
			flowControl();
			return work;
		}

		/** Called holding the lane. */
		private void flowControl() {
			boolean full = this.queued.size() >= QUEUED_LIMIT;
			if (this.stopped || full == this.paused) {
				return;
			}
			this.paused = full;
			if (full) {
				PartitionLanes.this.flow.pause(this.partition);
			}
			else {
				PartitionLanes.this.flow.resume(this.partition);
			}
		}

		/**
		 * Handles the command until it is finished or the lane is stopped.
		 * @return false when the lane was stopped first; the command is left
		 * unacknowledged for the next owner
		 */
		private boolean finish(Work work) {
			BackOffExecution failures = PartitionLanes.this.failureBackOff.start();
			while (true) {
				Duration later;
				try {
					later = PartitionLanes.this.handling.handle(work.record().partition(), work.record().value());
				}
				catch (RuntimeException ex) {
					later = failed(work, ex, failures);
				}
				if (later.isZero()) {
					work.acknowledgment().acknowledge();
					return true;
				}
				if (!await(later)) {
					return false;
				}
			}
		}

		/**
		 * Tries a command that failed for another reason than the provider (Kafka
		 * refusing a write, an invalid command) again a few times, then dead-letters it.
		 * @return zero when it is dead-lettered, else how long to wait before trying it
		 * again
		 */
		private Duration failed(Work work, RuntimeException failure, BackOffExecution failures) {
			long next = (failure instanceof IllegalArgumentException) ? BackOffExecution.STOP : failures.nextBackOff();
			if (next != BackOffExecution.STOP) {
				logger.warn("Command {}-{}@{} failed, trying again in {} ms: {}", this.partition.topic(),
						this.partition.partition(), work.record().offset(), next, failure.getMessage());
				return Duration.ofMillis(next);
			}
			try {
				PartitionLanes.this.recoverer.accept(work.record(), failure);
				return Duration.ZERO;
			}
			catch (RuntimeException ex) {
				// Not dead-lettered either: keep it, and try it again later.
				logger.warn("Command {}-{}@{} could not be dead-lettered, trying it again: {}", this.partition.topic(),
						this.partition.partition(), work.record().offset(), ex.getMessage());
				return Duration.ofSeconds(1);
			}
		}

		/**
		 * Waits before the command is handled again.
		 * @return false when the lane was stopped meanwhile
		 */
		private boolean await(Duration wait) {
			synchronized (this) {
				if (this.stopped) {
					return false;
				}
				this.waiting = true;
			}
			try {
				Thread.sleep(wait);
				return true;
			}
			catch (InterruptedException ex) {
				return false;
			}
			finally {
				synchronized (this) {
					this.waiting = false;
					Thread.interrupted();
				}
			}
		}

		void stop() {
			Thread running;
			synchronized (this) {
				this.stopped = true;
				this.queued.clear();
				// An idle runner waits for work; it is to end instead.
				notifyAll();
				running = this.runner;
				if (running != null && this.waiting) {
					// Nothing is under way while it waits.
					running.interrupt();
				}
			}
			if (running == null) {
				return;
			}
			try {
				if (!running.join(FINISH_TIMEOUT)) {
					logger.warn("Command under way on {} did not finish within {}; interrupting it", this.partition,
							FINISH_TIMEOUT);
					running.interrupt();
					running.join(TimeUnit.SECONDS.toMillis(1));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
