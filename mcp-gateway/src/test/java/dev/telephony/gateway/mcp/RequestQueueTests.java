package dev.telephony.gateway.mcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The queue's measure of how long work waits for a thread, with the threads and the clock
 * in the test's hands: work is queued, time passes, and work starts when the test says.
 */
class RequestQueueTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final List<Runnable> threadsToStart = new ArrayList<>();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final RequestQueue queue = new RequestQueue(this.threadsToStart::add, this.now::get, this.meters);

	@Test
	void nothingWaitsBeforeAnyWorkIsQueued() {
		assertThat(this.queue.oldestWait()).isZero();
		assertThat(this.queue.queued()).isZero();
	}

	@Test
	void theOldestWaitIsTheLongestWaitingWorksAndGrowsWhileNothingStarts() {
		this.queue.execute(() -> {
		});
		advance(300);
		this.queue.execute(() -> {
		});
		advance(200);

		assertThat(this.queue.queued()).isEqualTo(2);
		assertThat(this.queue.oldestWait()).isEqualTo(Duration.ofMillis(500));
		advance(4_000);
		assertThat(this.queue.oldestWait()).isEqualTo(Duration.ofMillis(4_500));
		assertThat(this.meters.get("telephony.mcp.requests.queue.oldest").gauge().value()).isEqualTo(4.5);
		assertThat(this.meters.get("telephony.mcp.requests.queued").gauge().value()).isEqualTo(2);
	}

	@Test
	void onceTheOldestStartsTheNextOldestCountsAndADrainedQueueWaitsNothing() {
		List<String> ran = new ArrayList<>();
		this.queue.execute(() -> ran.add("first"));
		advance(300);
		this.queue.execute(() -> ran.add("second"));
		advance(200);

		this.threadsToStart.get(0).run();
		assertThat(ran).containsExactly("first");
		assertThat(this.queue.queued()).isEqualTo(1);
		assertThat(this.queue.oldestWait()).isEqualTo(Duration.ofMillis(200));

		advance(100);
		this.threadsToStart.get(1).run();
		assertThat(ran).containsExactly("first", "second");
		assertThat(this.queue.queued()).isZero();
		assertThat(this.queue.oldestWait()).isZero();

		var waits = this.meters.get("telephony.mcp.requests.queue.wait").timer();
		assertThat(waits.count()).isEqualTo(2);
		assertThat(waits.max(TimeUnit.MILLISECONDS)).isEqualTo(500);
		assertThat(waits.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(500 + 300);
	}

	@Test
	void workTheThreadsRefuseIsNotLeftWaiting() {
		RequestQueue refusing = new RequestQueue((task) -> {
			throw new RejectedExecutionException("shut down");
		}, this.now::get, new SimpleMeterRegistry());

		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> refusing.execute(() -> {
		}));
		advance(10_000);
		assertThat(refusing.queued()).isZero();
		assertThat(refusing.oldestWait()).isZero();
	}

	private void advance(long millis) {
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
	}

}
