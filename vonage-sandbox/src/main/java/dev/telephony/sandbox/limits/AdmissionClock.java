package dev.telephony.sandbox.limits;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Turns the limiter's monotonic readings into instants for the journal. The window must
 * not follow wall-clock steps, yet the journal's times must be exactly the times the
 * window counted, or a test computing the busiest second from the journal could see more
 * than the limit.
 */
class AdmissionClock {

	private final Instant origin;

	private final long originNanos;

	private final LongSupplier nanoTime;

	AdmissionClock(Clock clock, LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
		this.originNanos = nanoTime.getAsLong();
		this.origin = clock.instant();
	}

	long nanoTime() {
		return this.nanoTime.getAsLong();
	}

	/**
	 * The instant of a reading of {@link #nanoTime()}.
	 * @param nanoTime the reading
	 * @return the clock's instant at creation plus the time elapsed since
	 */
	Instant instant(long nanoTime) {
		return this.origin.plusNanos(nanoTime - this.originNanos);
	}

}
