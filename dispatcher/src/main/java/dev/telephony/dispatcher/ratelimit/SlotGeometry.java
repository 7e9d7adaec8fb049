package dev.telephony.dispatcher.ratelimit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where the slots of each operation lie: slot {@code k} starts {@code k × width}
 * nanoseconds after the epoch and carries at most one request, sent no later than
 * {@code sendMargin} after that start.
 * <p>
 * Of {@code n + 1} requests in consecutive slots, the first is sent at most
 * {@code sendMargin} late and reaches the provider at most {@code transitMargin} after
 * that, the last is never early: they lie at least
 * {@code n × width − sendMargin − transitMargin} apart at the provider. With
 * {@code width = (1 s + sendMargin + transitMargin) / n} that is one second, so no
 * one-second window holds more than {@code n}, the whole limit. The limit is counted in
 * whole requests, so a fractional rate is rounded down.
 */
final class SlotGeometry {

	// Vonage's Voice API allows about 15 modify requests a second.
	static final double MODIFY_CALL_PER_SECOND = 15;

	private final Map<Operation, Long> widths = new EnumMap<>(Operation.class);

	private final Map<Operation, Integer> limits = new EnumMap<>(Operation.class);

	private final long sendMarginNanos;

	private final long transitMarginNanos;

	SlotGeometry(RateLimitProperties properties) {
		this.sendMarginNanos = properties.sendMargin().toNanos();
		this.transitMarginNanos = properties.transitMargin().toNanos();
		long span = Duration.ofSeconds(1).plus(properties.sendMargin()).plus(properties.transitMargin()).toNanos();
		define(Operation.CREATE_CALL, properties.createCallPerSecond(), span);
		define(Operation.SEND_MESSAGE, properties.messagesPerSecond(), span);
		define(Operation.MODIFY_CALL, MODIFY_CALL_PER_SECOND, span);
	}

	private void define(Operation operation, double perSecond, long span) {
		int whole = Math.max(1, (int) Math.floor(perSecond));
		this.limits.put(operation, whole);
		this.widths.put(operation, span / whole);
	}

	long width(Operation operation) {
		return this.widths.get(operation);
	}

	int limit(Operation operation) {
		return this.limits.get(operation);
	}

	long sendMarginNanos() {
		return this.sendMarginNanos;
	}

	long transitMarginNanos() {
		return this.transitMarginNanos;
	}

	/** The slot that contains this instant. */
	long slotAt(Operation operation, long epochNanos) {
		return Math.floorDiv(epochNanos, width(operation));
	}

	long startOf(Operation operation, long slot) {
		return slot * width(operation);
	}

	/** The first slot that starts at or after this instant. */
	long firstStartingAt(Operation operation, long epochNanos) {
		return Math.floorDiv(epochNanos + width(operation) - 1, width(operation));
	}

}
