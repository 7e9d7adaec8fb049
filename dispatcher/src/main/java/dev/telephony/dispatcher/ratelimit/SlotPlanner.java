package dev.telephony.dispatcher.ratelimit;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which slot one member claims next: the earliest that its book shows free, that none of
 * its own claims in flight is after, and that starts late enough for the request to be
 * ready by then. Only a choice: whether the claim wins is up to the topic's order. Not
 * thread-safe; its owner serialises the calls.
 */
final class SlotPlanner {

	private final SlotGeometry geometry;

	private final SlotBook book;

	private final long holdNanos;

	private final Map<Operation, Set<Long>> inFlight = new EnumMap<>(Operation.class);

	SlotPlanner(SlotGeometry geometry, SlotBook book, long holdNanos) {
		this.geometry = geometry;
		this.book = book;
		this.holdNanos = holdNanos;
		for (Operation operation : Operation.values()) {
			this.inFlight.put(operation, new HashSet<>());
		}
	}

	/**
	 * Picks a slot and counts it as claimed until {@link #settled}.
	 * @param nowNanos the current time, in epoch nanoseconds
	 * @param leadNanos how long before its start the slot must be won for the request to
	 * be sent on time
	 * @return the slot, or empty when none is free within the hold limit
	 */
	OptionalLong pick(Operation operation, long nowNanos, long leadNanos) {
		long last = this.geometry.slotAt(operation, nowNanos + this.holdNanos);
		Set<Long> claimed = this.inFlight.get(operation);
		for (long slot = this.geometry.firstStartingAt(operation, nowNanos + leadNanos); slot <= last; slot++) {
			if (!claimed.contains(slot) && this.book.isFree(operation, slot) && !this.book.isClosed(operation, slot)) {
				claimed.add(slot);
				return OptionalLong.of(slot);
			}
		}
		return OptionalLong.empty();
	}

	/** The claim on this slot was decided, won or lost. */
	void settled(Operation operation, long slot) {
		this.inFlight.get(operation).remove(slot);
	}

}
