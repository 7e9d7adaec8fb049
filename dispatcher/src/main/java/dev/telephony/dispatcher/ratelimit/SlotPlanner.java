package dev.telephony.dispatcher.ratelimit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which slots one member claims next, and the slots it won but has not used yet. Only a
 * choice: whether a claim wins is up to the topic's order. Not thread-safe; its owner
 * serialises the calls.
 * <p>
 * A member claims the earliest free slots it can still make. A claim's round trip sits in
 * front of every request that has no slot yet, so a member that keeps sending claims
 * ahead, in the background, its share of the slots that pass during one round trip, and
 * keeps them as spares for its next requests, which then need no round trip.
 */
final class SlotPlanner {

	/** How far back a member's slots count it as claiming. */
	private static final long RECENT_NANOS = 1_000_000_000L;

	private static final int MAX_BLOCK = 4;

	private final SlotGeometry geometry;

	private final SlotBook book;

	private final long holdNanos;

	private final String member;

	private final Map<Operation, Set<Long>> inFlight = new EnumMap<>(Operation.class);

	private final Map<Operation, NavigableSet<Long>> spare = new EnumMap<>(Operation.class);

	private final Map<Operation, Long> lastSent = new EnumMap<>(Operation.class);

	SlotPlanner(SlotGeometry geometry, SlotBook book, long holdNanos, String member) {
		this.geometry = geometry;
		this.book = book;
		this.holdNanos = holdNanos;
		this.member = member;
		for (Operation operation : Operation.values()) {
			this.inFlight.put(operation, new HashSet<>());
			this.spare.put(operation, new TreeSet<>());
			this.lastSent.put(operation, Long.MIN_VALUE / 2);
		}
	}

	/**
	 * A slot this member already won, starting late enough to be used.
	 * @param readyNanos how long before its start the request must be handed the slot
	 * @return the slot; spare slots that can no longer be made are dropped, and those
	 * starting too soon for this request are kept for a request that is ready
	 */
	OptionalLong takeSpare(Operation operation, long nowNanos, long readyNanos) {
		NavigableSet<Long> slots = usableSpares(operation, nowNanos);
		Long slot = slots.ceiling(this.geometry.firstStartingAt(operation, nowNanos + readyNanos));
		if (slot == null) {
			return OptionalLong.empty();
		}
		slots.remove(slot);
		return this.book.isClosed(operation, slot) ? OptionalLong.empty() : OptionalLong.of(slot);
	}

	/**
	 * For a request that is ready now: the earliest spare that it can still make, if it
	 * starts before the slot the request holds, which becomes a spare in its place. Slots
	 * then go to requests in the order they are ready, not in the order they were handed
	 * out, and a spare that starts too soon for a request still being prepared is not
	 * left unused.
	 */
	OptionalLong swapForSooner(Operation operation, long nowNanos, long heldSlot) {
		NavigableSet<Long> slots = usableSpares(operation, nowNanos);
		if (slots.isEmpty() || slots.first() >= heldSlot) {
			return OptionalLong.empty();
		}
		long sooner = slots.pollFirst();
		slots.add(heldSlot);
		return OptionalLong.of(sooner);
	}

	/**
	 * For a request that is ready now and missed its slot: the earliest spare it can
	 * make.
	 */
	OptionalLong takeMakeable(Operation operation, long nowNanos) {
		return takeSpare(operation, nowNanos, -this.geometry.sendMarginNanos());
	}

	/**
	 * The spares whose send window has not passed yet, less those the provider closed.
	 */
	private NavigableSet<Long> usableSpares(Operation operation, long nowNanos) {
		NavigableSet<Long> slots = this.spare.get(operation);
		slots.headSet(this.geometry.firstStartingAt(operation, nowNanos - this.geometry.sendMarginNanos())).clear();
		slots.removeIf((slot) -> this.book.isClosed(operation, slot));
		return slots;
	}

	/**
	 * Picks the slots of the next claim and counts them as claimed until
	 * {@link #settled}.
	 * @param leadNanos how long before its start a slot must be won for the request to be
	 * sent on time
	 * @param count how many slots to claim
	 * @return the block, or empty when no slot is free within the hold limit
	 */
	Optional<Block> pick(Operation operation, long nowNanos, long leadNanos, long count) {
		long first = this.geometry.firstStartingAt(operation, nowNanos + leadNanos);
		long last = this.geometry.slotAt(operation, nowNanos + this.holdNanos);
		Set<Long> claimed = this.inFlight.get(operation);
		List<Long> block = new ArrayList<>();
		for (long slot = first; slot <= last && block.size() < count; slot++) {
			if (!claimed.contains(slot) && this.book.isFree(operation, slot) && !this.book.isClosed(operation, slot)) {
				block.add(slot);
			}
		}
		if (block.isEmpty()) {
			return Optional.empty();
		}
		claimed.addAll(block);
		return Optional.of(new Block(List.copyOf(block)));
	}

	/**
	 * How many more slots a member that keeps sending should claim ahead: its share of
	 * the slots that pass while a claim is under way, less those it has or is claiming.
	 * @param roundTripNanos how long a claim takes to be decided and the request made
	 * ready
	 */
	long shortfall(Operation operation, long nowNanos, long roundTripNanos) {
		boolean busy = nowNanos - this.lastSent.get(operation) < 2 * roundTripNanos + this.geometry.width(operation);
		if (!busy) {
			return 0;
		}
		long ahead = Math
			.round(roundTripNanos * 1.5 / this.geometry.width(operation) / claiming(operation, nowNanos).size());
		long have = this.spare.get(operation).size() + this.inFlight.get(operation).size();
		return Math.min(MAX_BLOCK, Math.max(0, ahead - have));
	}

	private Set<String> claiming(Operation operation, long nowNanos) {
		Set<String> claiming = this.book.members(operation, this.geometry.slotAt(operation, nowNanos - RECENT_NANOS),
				this.geometry.slotAt(operation, nowNanos + this.holdNanos));
		claiming.add(this.member);
		return claiming;
	}

	/** A request of this member was sent: a member that keeps sending claims ahead. */
	void sent(Operation operation, long nowNanos) {
		this.lastSent.put(operation, nowNanos);
	}

	/**
	 * The claim on this block was decided.
	 * @param keepFirst whether the first slot won is for the request that claimed it
	 * @return the first slot of the block this member won, if any and if kept; the others
	 * it won are kept as spares
	 */
	OptionalLong settled(Operation operation, Block block, boolean keepFirst) {
		OptionalLong first = OptionalLong.empty();
		for (long slot : block.slots()) {
			this.inFlight.get(operation).remove(slot);
			if (this.book.isOwnedBy(operation, slot, this.member)) {
				if (first.isEmpty() && keepFirst) {
					first = OptionalLong.of(slot);
				}
				else {
					this.spare.get(operation).add(slot);
				}
			}
		}
		return first;
	}

	/** Slots claimed at once, in order. */
	record Block(List<Long> slots) {
	}

}
