package dev.telephony.sandbox.limits;

import java.util.function.LongSupplier;

/**
 * Admits at most {@code limit} requests in any window (now − 1 s, now], counting only
 * admitted ones: the strictest way a provider can enforce "N per second". Unlike a token
 * bucket it never lets a refill add to a burst that is still inside the window.
 */
class SlidingWindow {

	static final long WINDOW_NANOS = 1_000_000_000L;

	private final int limit;

	private final LongSupplier nanoTime;

	// Admission times of the window, oldest at head; never more than limit of them.
	private final long[] admitted;

	private int head;

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
		this.admitted = new long[limit];
	}

	int limit() {
		return this.limit;
	}

	Decision tryAdmit() {
		synchronized (this.admitted) {
			// Read inside the lock so admissions are stored in time order and the head
			// really is the oldest.
			long now = this.nanoTime.getAsLong();
			// Differences, not comparisons, so a nanoTime that wraps around is harmless.
			while (this.size > 0 && now - this.admitted[this.head] >= WINDOW_NANOS) {
				this.head = (this.head + 1) % this.limit;
				this.size--;
			}
			if (this.size == this.limit) {
				return new Decision(false, now, 0, this.admitted[this.head] + WINDOW_NANOS - now);
			}
			this.admitted[(this.head + this.size) % this.limit] = now;
			this.size++;
			return new Decision(true, now, this.limit - this.size, 0);
		}
	}

	/**
	 * The outcome of one request.
	 *
	 * @param admitted whether it may proceed
	 * @param nanoTime when it was decided, on the window's time source
	 * @param remaining how many more requests would be admitted at that moment
	 * @param waitNanos for a refused request, how long until the oldest admission leaves
	 * the window (more than 0, at most 1 s); 0 when admitted
	 */
	record Decision(boolean admitted, long nanoTime, int remaining, long waitNanos) {

	}

}
