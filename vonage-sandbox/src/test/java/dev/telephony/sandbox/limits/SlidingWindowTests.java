package dev.telephony.sandbox.limits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window on a simulated time source: every instant below is exact, nothing sleeps.
 */
class SlidingWindowTests {

	private static final long MILLI = 1_000_000L;

	private static final long SECOND = 1_000 * MILLI;

	private long now;

	@Test
	void burstOfTheLimitIsAdmittedAndTheNextInsideThatSecondIsRefused() {
		SlidingWindow window = new SlidingWindow(3, () -> this.now);

		List<SlidingWindow.Decision> burst = List.of(window.tryAdmit(), window.tryAdmit(), window.tryAdmit());

		assertThat(burst).allMatch(SlidingWindow.Decision::admitted)
			.extracting(SlidingWindow.Decision::remaining)
			.containsExactly(2, 1, 0);
		assertThat(window.tryAdmit().admitted()).isFalse();
		this.now = SECOND - 1;
		assertThat(window.tryAdmit().admitted()).isFalse();
	}

	@Test
	void admitsExactlyWhenTheOldestAdmissionIsOneSecondOld() {
		SlidingWindow window = new SlidingWindow(3, () -> this.now);
		admitAt(window, 0, 100, 200);

		this.now = SECOND - 1;
		assertThat(window.tryAdmit().admitted()).isFalse();
		this.now = SECOND;
		assertThat(window.tryAdmit()).satisfies((decision) -> {
			assertThat(decision.admitted()).isTrue();
			assertThat(decision.remaining()).isZero();
		});
		this.now = 1100 * MILLI - 1;
		assertThat(window.tryAdmit().admitted()).isFalse();
		this.now = 1100 * MILLI;
		assertThat(window.tryAdmit().admitted()).isTrue();
	}

	// A greedy bucket refills 1.2 tokens in every 400 ms and spends them at once: the
	// second ending at t = 800 ms holds 5 of its admissions against a limit of 3.
	@Test
	void refusesWhatATokenBucketOfTheSameRateLetsThrough() {
		long[] arrivals = { 0, 0, 0, 400 * MILLI, 800 * MILLI, 1000 * MILLI };
		List<Boolean> bucket = greedyBucket(3, arrivals);
		assertThat(bucket).containsOnly(true);
		assertThat(busiestSecond(admitted(arrivals, bucket))).isEqualTo(5);

		SlidingWindow window = new SlidingWindow(3, () -> this.now);
		List<Boolean> sliding = new ArrayList<>();
		for (long arrival : arrivals) {
			this.now = arrival;
			sliding.add(window.tryAdmit().admitted());
		}

		assertThat(sliding).containsExactly(true, true, true, false, false, true);
		assertThat(busiestSecond(admitted(arrivals, sliding))).isEqualTo(3);
	}

	@Test
	void waitIsTheTimeUntilTheOldestAdmissionLeavesTheWindow() {
		SlidingWindow window = new SlidingWindow(3, () -> this.now);
		admitAt(window, 0, 200, 700);

		this.now = 900 * MILLI;
		assertThat(window.tryAdmit()).satisfies((decision) -> {
			assertThat(decision.admitted()).isFalse();
			assertThat(decision.remaining()).isZero();
			assertThat(decision.waitNanos()).isEqualTo(100 * MILLI);
		});
		this.now = SECOND;
		assertThat(window.tryAdmit().admitted()).isTrue();
		// The oldest is now the one of t = 200 ms.
		assertThat(window.tryAdmit().waitNanos()).isEqualTo(200 * MILLI);
		this.now = 1200 * MILLI - 1;
		assertThat(window.tryAdmit().waitNanos()).isEqualTo(1);
	}

	@Test
	void refusedRequestsDoNotCount() {
		SlidingWindow window = new SlidingWindow(1, () -> this.now);
		admitAt(window, 0);
		for (long millis = 100; millis < 1000; millis += 100) {
			this.now = millis * MILLI;
			assertThat(window.tryAdmit().admitted()).isFalse();
		}

		this.now = SECOND;
		assertThat(window.tryAdmit().admitted()).isTrue();
	}

	@Test
	void onlyDifferencesOfTheTimeSourceMatterEvenAcrossItsOverflow() {
		long start = Long.MAX_VALUE - 500 * MILLI;
		SlidingWindow window = new SlidingWindow(2, () -> this.now);
		this.now = start;
		assertThat(window.tryAdmit().admitted()).isTrue();
		this.now = start + 800 * MILLI;
		assertThat(window.tryAdmit().admitted()).isTrue();
		assertThat(window.tryAdmit().waitNanos()).isEqualTo(200 * MILLI);

		this.now = start + SECOND;
		assertThat(window.tryAdmit().admitted()).isTrue();
	}

	// Random arrivals, checked against the definition: never more than the limit in any
	// (t - 1 s, t], and never a refusal while the limit is not reached.
	@Test
	void neverExceedsTheLimitInAnySecondAndRefusesOnlyWhenItMust() {
		int limit = 5;
		Random random = new Random(20260301);
		SlidingWindow window = new SlidingWindow(limit, () -> this.now);
		List<Long> admitted = new ArrayList<>();
		int refusals = 0;
		for (int i = 0; i < 5000; i++) {
			this.now += (random.nextInt(4) == 0) ? 0 : random.nextLong(400 * MILLI);
			SlidingWindow.Decision decision = window.tryAdmit();
			long inWindow = admitted.stream().filter((time) -> this.now - time < SECOND).count();
			if (decision.admitted()) {
				admitted.add(this.now);
				assertThat(inWindow).isLessThan(limit);
				assertThat(decision.remaining()).isEqualTo(limit - (int) inWindow - 1);
			}
			else {
				refusals++;
				assertThat(inWindow).isEqualTo(limit);
				long oldest = admitted.stream().filter((time) -> this.now - time < SECOND).findFirst().orElseThrow();
				assertThat(decision.waitNanos()).isEqualTo(oldest + SECOND - this.now);
			}
		}

		assertThat(refusals).as("the arrivals must exercise refusals").isPositive();
		assertThat(busiestSecond(admitted)).isEqualTo(limit);
	}

	// The second ending now holds 2 of 3, but the request arrived at 850 ms, inside the
	// full second [0, 1000).
	@Test
	void lateDecidedRequestIsRefusedWhenAnEarlierSecondItFallsInIsFull() {
		SlidingWindow window = new SlidingWindow(3, () -> this.now);
		admitAt(window, 0, 100, 900);

		this.now = 1050 * MILLI;
		SlidingWindow.Decision late = window.tryAdmit(850 * MILLI);

		assertThat(late.admitted()).isFalse();
		assertThat(window.tryAdmit().admitted()).as("arrived now: (50, 1050] holds 2").isTrue();
	}

	@Test
	void lateDecidedRequestFillsAGapAndCountsForTheSecondsAfterIt() {
		SlidingWindow window = new SlidingWindow(2, () -> this.now);
		admitAt(window, 0, 1500);

		this.now = 1600 * MILLI;
		SlidingWindow.Decision late = window.tryAdmit(700 * MILLI);

		assertThat(late).satisfies((decision) -> {
			assertThat(decision.admitted()).isTrue();
			assertThat(decision.countedNanos()).isEqualTo(700 * MILLI);
			assertThat(decision.decidedNanos()).isEqualTo(1600 * MILLI);
			assertThat(decision.remaining()).isZero();
		});
		this.now = 1650 * MILLI;
		assertThat(window.tryAdmit()).satisfies((decision) -> {
			assertThat(decision.admitted()).as("[700, 1700) holds 700 and 1500").isFalse();
			assertThat(decision.waitNanos()).isEqualTo(50 * MILLI);
		});
	}

	@Test
	void arrivalMoreThanASecondBeforeTheDecisionCountsASecondBefore() {
		SlidingWindow window = new SlidingWindow(1, () -> this.now);
		admitAt(window, 0);

		this.now = 3000 * MILLI;
		SlidingWindow.Decision stale = window.tryAdmit(500 * MILLI);

		assertThat(stale.admitted()).isTrue();
		assertThat(stale.countedNanos()).isEqualTo(2000 * MILLI);
		assertThat(window.tryAdmit(2900 * MILLI).admitted()).as("[2000, 3000) is full").isFalse();
	}

	// Random arrivals decided after random delays, so out of arrival order; checked
	// against the definition: no second of arrivals over the limit, and a refusal only
	// where admitting would have put one over it.
	@Test
	void outOfOrderDecisionsNeverExceedTheLimitAndRefuseOnlyWhenTheyMust() {
		int limit = 5;
		Random random = new Random(20261202);
		SlidingWindow window = new SlidingWindow(limit, () -> this.now);
		long[][] requests = new long[4000][];
		long arrival = 0;
		for (int i = 0; i < requests.length; i++) {
			arrival += (random.nextInt(4) == 0) ? 0 : random.nextLong(300 * MILLI);
			requests[i] = new long[] { arrival, arrival + random.nextLong(250 * MILLI) };
		}
		Arrays.sort(requests, Comparator.comparingLong((long[] request) -> request[1]));
		List<Long> admitted = new ArrayList<>();
		int refusals = 0;
		int outOfOrder = 0;
		for (long[] request : requests) {
			this.now = request[1];
			List<Long> with = new ArrayList<>(admitted);
			with.add(request[0]);
			with.sort(null);
			if (!admitted.isEmpty() && request[0] < admitted.get(admitted.size() - 1)) {
				outOfOrder++;
			}
			SlidingWindow.Decision decision = window.tryAdmit(request[0]);
			assertThat(decision.admitted()).as("request arrived %d, decided %d", request[0], request[1])
				.isEqualTo(busiestSecond(with) <= limit);
			if (decision.admitted()) {
				admitted = with;
			}
			else {
				refusals++;
			}
		}

		assertThat(refusals).as("the arrivals must exercise refusals").isPositive();
		assertThat(outOfOrder).as("and decisions out of arrival order").isPositive();
		assertThat(busiestSecond(admitted)).isEqualTo(limit);
	}

	@Test
	void concurrentRequestsAtOneInstantAdmitExactlyTheLimit() throws Exception {
		SlidingWindow window = new SlidingWindow(50, () -> 42L);
		AtomicInteger admitted = new AtomicInteger();
		try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 1000; i++) {
				requests.execute(() -> {
					if (window.tryAdmit().admitted()) {
						admitted.incrementAndGet();
					}
				});
			}
		}

		assertThat(admitted).hasValue(50);
	}

	private void admitAt(SlidingWindow window, long... millis) {
		for (long time : millis) {
			this.now = time * MILLI;
			assertThat(window.tryAdmit().admitted()).as("admission at %d ms", time).isTrue();
		}
	}

	/**
	 * A token bucket of {@code capacity} tokens refilled continuously at {@code capacity}
	 * per second, as the sandbox used before; in integer nano-tokens so the arithmetic is
	 * exact.
	 */
	private static List<Boolean> greedyBucket(int capacity, long... arrivals) {
		long full = capacity * SECOND;
		long tokens = full;
		long last = arrivals[0];
		List<Boolean> admitted = new ArrayList<>();
		for (long arrival : arrivals) {
			tokens = Math.min(full, tokens + (arrival - last) * capacity);
			last = arrival;
			boolean admit = tokens >= SECOND;
			if (admit) {
				tokens -= SECOND;
			}
			admitted.add(admit);
		}
		return admitted;
	}

	private static List<Long> admitted(long[] arrivals, List<Boolean> outcomes) {
		List<Long> admitted = new ArrayList<>();
		for (int i = 0; i < arrivals.length; i++) {
			if (outcomes.get(i)) {
				admitted.add(arrivals[i]);
			}
		}
		return admitted;
	}

	/** Most admissions in any (t − 1 s, t]; times in ascending order. */
	private static int busiestSecond(List<Long> times) {
		int busiest = 0;
		int start = 0;
		for (int end = 0; end < times.size(); end++) {
			while (times.get(end) - times.get(start) >= SECOND) {
				start++;
			}
			busiest = Math.max(busiest, end - start + 1);
		}
		return busiest;
	}

}
