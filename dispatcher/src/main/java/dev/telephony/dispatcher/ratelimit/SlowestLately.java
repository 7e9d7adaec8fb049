package dev.telephony.dispatcher.ratelimit;

/**
 * The slowest of recent durations: a slower sample is taken at once, and the estimate
 * halves every {@code halfLife} without one. Leads sized by it make few requests late for
 * their slot after a pause, and fall back within a second or two once pauses stop, at any
 * request rate. Not thread-safe; racing updates lose a sample, which is harmless here.
 */
final class SlowestLately {

	private final long halfLifeNanos;

	private long value;

	private long at;

	SlowestLately(long initialNanos, long halfLifeNanos) {
		this.value = initialNanos;
		this.halfLifeNanos = halfLifeNanos;
	}

	long get(long nowNanos) {
		long elapsed = Math.max(0, nowNanos - this.at);
		return (long) (this.value * Math.pow(0.5, (double) elapsed / this.halfLifeNanos));
	}

	void record(long sampleNanos, long nowNanos) {
		long current = get(nowNanos);
		this.value = Math.max(current, sampleNanos);
		this.at = nowNanos;
	}

}
