package dev.telephony.sandbox.limits;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Admits at most {@code limit} requests in any one-second span of their arrival times,
 * counting only admitted ones: the strictest way a provider can enforce "N per second".
 * Unlike a token bucket it never lets a refill add to a burst that is still inside the
 * window.
 * <p>
 * Requests are counted when they arrived, not when this process got round to deciding: on
 * a busy host a request can wait tens of milliseconds between its first byte and the
 * limiter, and a provider's edge counts what reaches it. Decisions therefore come out of
 * arrival order, and a late-decided request is checked against every one-second span it
 * falls in, not only the one ending at it.
 */
class SlidingWindow {

	static final long WINDOW_NANOS = 1_000_000_000L;

	private final int limit;

	private final LongSupplier nanoTime;

	// Arrival times of admitted requests, ascending, none older than two windows before
	// the latest decision: a window that holds an arrival it can still be asked about.
	private long[] admitted = new long[16];

	private int size;

	/**
	 * Creates a window.
	 * @param limit admissions allowed in any one second
	 * @param nanoTime monotonic time in nanoseconds, such as {@code System::nanoTime};
	 * only differences of its values are used
	 */
	SlidingWindow(int limit, LongSupplier nanoTime) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1");
		}
		this.limit = limit;
		this.nanoTime = nanoTime;
	}

	int limit() {
		return this.limit;
	}

	/** Decides on a request that arrives now. */
	Decision tryAdmit() {
		return tryAdmit(this.nanoTime.getAsLong());
	}

	/**
	 * Decides on a request that arrived at {@code arrivedNanos}, on the window's time
	 * source. An arrival more than a window before now counts as a window before now, so
	 * that what is kept stays bounded.
	 */
	synchronized Decision tryAdmit(long arrivedNanos) {
		long now = this.nanoTime.getAsLong();
		long arrived = (now - arrivedNanos > WINDOW_NANOS) ? now - WINDOW_NANOS : arrivedNanos;
		forgetBefore(now - 2 * WINDOW_NANOS);
		int position = firstAfter(arrived);
		int busiest = busiestWindowWith(arrived, position);
		if (busiest > this.limit) {
			return new Decision(false, arrived, now, 0, untilNextFits(now));
		}
		insert(position, arrived);
		return new Decision(true, arrived, now, this.limit - busiest, 0);
	}

	/**
	 * The most admissions, the new one included, in any window [start, start + 1 s) that
	 * holds {@code arrived}: enough to try the windows starting at it and at each earlier
	 * admission less than a second before it.
	 */
	private int busiestWindowWith(long arrived, int position) {
		int busiest = firstAt(arrived + WINDOW_NANOS) - firstAt(arrived) + 1;
		int end = position;
		for (int start = firstAfter(arrived - WINDOW_NANOS); start < position; start++) {
			while (end < this.size && this.admitted[end] - this.admitted[start] < WINDOW_NANOS) {
				end++;
			}
			busiest = Math.max(busiest, end - start + 1);
		}
		return busiest;
	}

	/**
	 * How long until a request arriving then fits: until the admission {@code limit}
	 * places before the newest is a second old.
	 */
	private long untilNextFits(long now) {
		// A refusal means some window holds the limit, so there are that many.
		return Math.max(1, this.admitted[this.size - this.limit] + WINDOW_NANOS - now);
	}

	private void forgetBefore(long oldest) {
		int kept = firstAt(oldest);
		if (kept > 0) {
			System.arraycopy(this.admitted, kept, this.admitted, 0, this.size - kept);
			this.size -= kept;
		}
	}

	private void insert(int position, long arrived) {
		if (this.size == this.admitted.length) {
			this.admitted = Arrays.copyOf(this.admitted, this.size * 2);
		}
		System.arraycopy(this.admitted, position, this.admitted, position + 1, this.size - position);
		this.admitted[position] = arrived;
		this.size++;
	}

	/** Index of the first admission at or after {@code time}. */
	private int firstAt(long time) {
		int low = 0;
		int high = this.size;
		while (low < high) {
			int middle = (low + high) >>> 1;
			// Differences, not comparisons, so a nanoTime that wraps around is harmless.
			if (this.admitted[middle] - time < 0) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		return low;
	}

	/** Index of the first admission after {@code time}. */
	private int firstAfter(long time) {
		return firstAt(time + 1);
	}

	/**
	 * The outcome of one request.
	 *
	 * @param admitted whether it may proceed
	 * @param countedNanos the arrival time counted, on the window's time source
	 * @param decidedNanos when it was decided, on the same source
	 * @param remaining how many more requests arriving at that moment would be admitted
	 * @param waitNanos for a refused request, how long until a request arriving then
	 * would be admitted (more than 0, at most 1 s); 0 when admitted
	 */
	record Decision(boolean admitted, long countedNanos, long decidedNanos, int remaining, long waitNanos) {

	}

}
