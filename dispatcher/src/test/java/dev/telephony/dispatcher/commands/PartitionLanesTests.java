package dev.telephony.dispatcher.commands;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.telephony.schemas.Command;
import dev.telephony.schemas.SendSms;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.Acknowledgment;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lanes on their own: a handler of the test's making, acknowledgments and flow
 * control recorded.
 */
class PartitionLanesTests {

	private static final String TOPIC = "commands";

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final Queue<String> handled = new ConcurrentLinkedQueue<>();

	private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

	private final Queue<String> recovered = new ConcurrentLinkedQueue<>();

	private final Queue<String> flow = new ConcurrentLinkedQueue<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private final Map<String, Command> commands = new ConcurrentHashMap<>();

	private final List<PartitionLanes> started = new ArrayList<>();

	@AfterEach
	void stopLanes() {
		this.release.countDown();
		this.started
			.forEach((lanes) -> lanes.stop(List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1))));
	}

	@Test
	void partitionsRunSideBySideAndEachInOrder() {
		CountDownLatch otherPartitionDone = new CountDownLatch(1);
		AtomicInteger busyOnZero = new AtomicInteger();
		AtomicInteger mostBusyOnZero = new AtomicInteger();
		PartitionLanes lanes = lanes((partition, command) -> {
			String name = nameOf(command);
			if (partition == 0) {
				mostBusyOnZero.accumulateAndGet(busyOnZero.incrementAndGet(), Math::max);
				// The first command of partition 0 finishes only once partition 1's has:
				// one at a time, this would never end.
				if (name.equals("a")) {
					awaitLatch(otherPartitionDone);
				}
				busyOnZero.decrementAndGet();
			}
			this.handled.add(name);
			if (partition == 1) {
				otherPartitionDone.countDown();
			}
			return Duration.ZERO;
		});

		submit(lanes, 0, 0, "a");
		submit(lanes, 0, 1, "b");
		submit(lanes, 1, 0, "c");

		await().atMost(PATIENCE).until(() -> this.acknowledged.size() == 3);
		assertThat(this.handled).containsExactly("c", "a", "b");
		assertThat(mostBusyOnZero).hasValue(1);
	}

	@Test
	void aCommandThatMustWaitHoldsBackItsPartitionAndIsHandledAgain() {
		AtomicInteger tries = new AtomicInteger();
		PartitionLanes lanes = lanes((partition, command) -> {
			this.handled.add(nameOf(command));
			return (nameOf(command).equals("a") && tries.incrementAndGet() < 3) ? Duration.ofMillis(20) : Duration.ZERO;
		});

		submit(lanes, 0, 0, "a");
		submit(lanes, 0, 1, "b");

		await().atMost(PATIENCE).until(() -> this.acknowledged.size() == 2);
		assertThat(this.handled).containsExactly("a", "a", "a", "b");
	}

	@Test
	void anIdleLaneKeepsItsThreadForTheNextCommandUntilItIsStopped() throws Exception {
		Queue<Thread> threads = new ConcurrentLinkedQueue<>();
		PartitionLanes lanes = lanes((partition, command) -> {
			threads.add(Thread.currentThread());
			return Duration.ZERO;
		});
		submit(lanes, 0, 0, "a");
		await().atMost(PATIENCE).until(() -> this.acknowledged.contains("a"));
		Thread runner = threads.peek();
		// Idle: waiting for work, or gone, were a lane to end its thread with its queue.
		await().atMost(PATIENCE).until(() -> runner.getState() == Thread.State.WAITING || !runner.isAlive());

		submit(lanes, 0, 1, "b");
		await().atMost(PATIENCE).until(() -> this.acknowledged.contains("b"));
		assertThat(threads).containsExactly(runner, runner);

		await().atMost(PATIENCE).until(() -> runner.getState() == Thread.State.WAITING);
		lanes.stop(List.of(new TopicPartition(TOPIC, 0)));
		assertThat(runner.join(PATIENCE)).as("the idle lane's thread ended").isTrue();
	}

	@Test
	void aFullQueuePausesItsPartitionUntilTheLaneCatchesUp() throws Exception {
		CountDownLatch underWay = new CountDownLatch(1);
		PartitionLanes lanes = lanes((partition, command) -> {
			underWay.countDown();
			awaitLatch(this.release);
			this.handled.add(nameOf(command));
			return Duration.ZERO;
		});

		// One under way, then a full queue behind it.
		submit(lanes, 0, 0, "c0");
		assertThat(underWay.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		for (int offset = 1; offset <= PartitionLanes.QUEUED_LIMIT; offset++) {
			submit(lanes, 0, offset, "c" + offset);
		}
		assertThat(this.flow).containsExactly("pause " + TOPIC + "-0");
		assertThat(this.acknowledged).isEmpty();

		this.release.countDown();

		await().atMost(PATIENCE).until(() -> this.acknowledged.size() == PartitionLanes.QUEUED_LIMIT + 1);
		assertThat(this.flow).containsExactly("pause " + TOPIC + "-0", "resume " + TOPIC + "-0");
	}

	@Test
	void failuresAreTriedAgainAFewTimesThenDeadLettered() {
		PartitionLanes lanes = lanes((partition, command) -> {
			this.handled.add(nameOf(command));
			throw new IllegalStateException("Kafka did not acknowledge the write");
		});

		submit(lanes, 0, 0, "a");
		submit(lanes, 0, 1, "b");

		await().atMost(PATIENCE).until(() -> this.acknowledged.size() == 2);
		assertThat(this.handled).containsExactly("a", "a", "a", "a", "b", "b", "b", "b");
		assertThat(this.recovered).containsExactly("a", "b");
	}

	@Test
	void anInvalidCommandIsDeadLetteredAtOnce() {
		PartitionLanes lanes = lanes((partition, command) -> {
			this.handled.add(nameOf(command));
			throw new IllegalArgumentException("no such operation");
		});

		submit(lanes, 0, 0, "a");

		await().atMost(PATIENCE).until(() -> this.acknowledged.size() == 1);
		assertThat(this.handled).containsExactly("a");
		assertThat(this.recovered).containsExactly("a");
	}

	@Test
	void aCommandThatCannotBeDeadLetteredIsKeptAndTriedAgain() {
		AtomicInteger recoveries = new AtomicInteger();
		PartitionLanes lanes = new PartitionLanes((partition, command) -> {
			this.handled.add(nameOf(command));
			throw new IllegalArgumentException("no such operation");
		}, (record, failure) -> {
			if (recoveries.incrementAndGet() == 1) {
				throw new IllegalStateException("the dead-letter topic is away");
			}
			this.recovered.add(nameOf(record.value()));
		}, new FixedBackOff(1, 3), recordingFlow());
		this.started.add(lanes);

		submit(lanes, 0, 0, "a");

		await().atMost(PATIENCE).until(() -> this.acknowledged.size() == 1);
		assertThat(this.handled).containsExactly("a", "a");
		assertThat(this.recovered).containsExactly("a");
	}

	@Test
	void stoppingWaitsForTheCommandUnderWayAndDropsTheRest() throws Exception {
		CountDownLatch underWay = new CountDownLatch(1);
		PartitionLanes lanes = lanes((partition, command) -> {
			underWay.countDown();
			awaitLatch(this.release);
			this.handled.add(nameOf(command));
			return Duration.ZERO;
		});
		submit(lanes, 0, 0, "a");
		submit(lanes, 0, 1, "b");
		assertThat(underWay.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

		Thread stopping = Thread.ofVirtual().start(() -> lanes.stop(List.of(new TopicPartition(TOPIC, 0))));
		assertThat(stopping.join(Duration.ofMillis(300))).as("stopped with a command under way").isFalse();
		this.release.countDown();
		assertThat(stopping.join(PATIENCE)).isTrue();

		assertThat(this.handled).containsExactly("a");
		assertThat(this.acknowledged).containsExactly("a");
		// Whatever the lane asked, the partition is not left paused.
		assertThat(this.flow).last().isEqualTo("resume " + TOPIC + "-0");
		submit(lanes, 0, 1, "b");
		await().atMost(PATIENCE).until(() -> this.acknowledged.contains("b"));
	}

	@Test
	void stoppingEndsAWaitAndLeavesItsCommandUnacknowledged() throws Exception {
		PartitionLanes lanes = lanes((partition, command) -> {
			this.handled.add(nameOf(command));
			return Duration.ofHours(1);
		});
		submit(lanes, 0, 0, "a");
		await().atMost(PATIENCE).until(() -> this.handled.size() == 1);

		Thread stopping = Thread.ofVirtual().start(() -> lanes.stop(List.of(new TopicPartition(TOPIC, 0))));

		assertThat(stopping.join(PATIENCE)).isTrue();
		assertThat(this.acknowledged).isEmpty();
		assertThat(this.handled).containsExactly("a");
	}

	private PartitionLanes lanes(PartitionLanes.Handling handling) {
		PartitionLanes lanes = new PartitionLanes(handling,
				(record, failure) -> this.recovered.add(nameOf(record.value())), new FixedBackOff(1, 3),
				recordingFlow());
		this.started.add(lanes);
		return lanes;
	}

	private PartitionLanes.FlowControl recordingFlow() {
		return new PartitionLanes.FlowControl() {

			@Override
			public void pause(TopicPartition partition) {
				PartitionLanesTests.this.flow.add("pause " + partition);
			}

			@Override
			public void resume(TopicPartition partition) {
				PartitionLanesTests.this.flow.add("resume " + partition);
			}

		};
	}

	private void submit(PartitionLanes lanes, int partition, long offset, String name) {
		Instant now = Instant.now();
		Command command = new SendSms(UUID.randomUUID(), now, now.plusSeconds(60), "test", "14155550100", "14155550101",
				name);
		this.commands.put(name, command);
		Acknowledgment acknowledgment = () -> this.acknowledged.add(name);
		lanes.submit(new ConsumerRecord<>(TOPIC, partition, offset, command.recordKey(), command), acknowledgment);
	}

	private static String nameOf(Object command) {
		return ((SendSms) command).text();
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("never released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
