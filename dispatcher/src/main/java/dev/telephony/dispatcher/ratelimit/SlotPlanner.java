package dev.telephony.dispatcher.ratelimit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
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
 * <p>
 * At low load a request need not wait for the next slot's start: it may take the slot
 * under way when it will be ready, and be sent as soon as it is, until that slot's end
 * plus the send margin, if the same member also wins the slot one limit's worth later
 * (its shadow) and leaves it unused. Of {@code n + 1} requests in slots
 * {@code k0 < … < kn}, a first one sent so reaches the provider at most
 * {@code width + sendMargin + transitMargin} after the start of {@code k0}, and the last,
 * in {@code k0 + n + 1} or later, no earlier than {@code (n + 1) × width} after it: one
 * second apart, as in {@link SlotGeometry}; a last one sent so is never early. A shadow
 * is a slot given up, so this is done only while the book shows at most half of the two
 * seconds around the slot in use, and never by a member that keeps sending. Once the
 * request of a whole slot was sent, its shadow serves again from one second plus the
 * transit margin after that send: a request there is a second behind it at the provider,
 * and follows the rules of any slot for those after it. Without that, traffic at a steady
 * period near a second (or a fraction of one) would find the slot under way taken by its
 * own shadows half the time.
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

	/**
	 * Won slots whose shadow this member won too: they may be sent in until their end.
	 */
	private final Map<Operation, NavigableSet<Long>> shadowed = new EnumMap<>(Operation.class);

	/** Shadows whose slot's request was sent, and from when they may be sent in. */
	private final Map<Operation, NavigableMap<Long, Long>> released = new EnumMap<>(Operation.class);

	/**
	 * Slots that may not be sent in before a time after their start: released shadows.
	 */
	private final Map<Operation, NavigableMap<Long, Long>> notBefore = new EnumMap<>(Operation.class);

	SlotPlanner(SlotGeometry geometry, SlotBook book, long holdNanos, String member) {
		this.geometry = geometry;
		this.book = book;
		this.holdNanos = holdNanos;
		this.member = member;
		for (Operation operation : Operation.values()) {
			this.inFlight.put(operation, new HashSet<>());
			this.spare.put(operation, new TreeSet<>());
			this.lastSent.put(operation, Long.MIN_VALUE / 2);
			this.shadowed.put(operation, new TreeSet<>());
			this.released.put(operation, new TreeMap<>());
			this.notBefore.put(operation, new TreeMap<>());
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
	 * At low load: the slot under way when the request will be ready, with its shadow.
	 * @param leadNanos how long the request takes to be won and made ready
	 * @return the block, or empty when the member keeps sending, either slot is taken, or
	 * more than half the slots around it are
	 */
	Optional<Block> pickShadowed(Operation operation, long nowNanos, long leadNanos) {
		long past = this.geometry.slotAt(operation, nowNanos - RECENT_NANOS);
		this.shadowed.get(operation).headSet(past).clear();
		this.released.get(operation).headMap(past).clear();
		this.notBefore.get(operation).headMap(past).clear();
		if (isBusy(operation, nowNanos, leadNanos)) {
			return Optional.empty();
		}
		int limit = this.geometry.limit(operation);
		long under = this.geometry.slotAt(operation, nowNanos + leadNanos);
		if (this.book.ownedBetween(operation, under - limit, under + limit) > limit) {
			return Optional.empty();
		}
		// Of the slot under way and the next two, the one the request can be sent in
		// soonest once it is ready: a released shadow may serve only later in its slot.
		long ready = nowNanos + leadNanos;
		long best = Long.MIN_VALUE;
		long bestSendAt = Long.MAX_VALUE;
		for (long slot = under; slot <= under + 2; slot++) {
			Long releasedFrom = this.released.get(operation).get(slot);
			boolean usable = (releasedFrom != null) ? !this.book.isClosed(operation, slot) : isOpen(operation, slot);
			long sendAt = Math.max(ready,
					(releasedFrom != null) ? releasedFrom : this.geometry.startOf(operation, slot));
			if (usable && isOpen(operation, slot + limit) && sendAt < bestSendAt) {
				best = slot;
				bestSendAt = sendAt;
			}
		}
		if (best == Long.MIN_VALUE) {
			return Optional.empty();
		}
		Long releasedFrom = this.released.get(operation).remove(best);
		if (releasedFrom != null) {
			// Owned already; claimed again with its new shadow, which is harmless.
			this.notBefore.get(operation).put(best, releasedFrom);
		}
		this.inFlight.get(operation).add(best);
		this.inFlight.get(operation).add(best + limit);
		return Optional.of(new Block(List.of(best, best + limit), true));
	}

	private boolean isOpen(Operation operation, long slot) {
		return !this.inFlight.get(operation).contains(slot) && this.book.isFree(operation, slot)
				&& !this.book.isClosed(operation, slot);
	}

	/**
	 * The latest a request may be written in this slot: its send margin after its start,
	 * or after its end if the member won its shadow.
	 */
	long sendByNanos(Operation operation, long slot) {
		long start = this.geometry.startOf(operation, slot);
		boolean wholeSlot = this.shadowed.get(operation).contains(slot);
		return start + this.geometry.sendMarginNanos() + (wholeSlot ? this.geometry.width(operation) : 0);
	}

	boolean isShadowed(Operation operation, long slot) {
		return this.shadowed.get(operation).contains(slot);
	}

	/** The earliest a request may be written in this slot. */
	long earliestSendNanos(Operation operation, long slot) {
		long start = this.geometry.startOf(operation, slot);
		Long released = this.notBefore.get(operation).get(slot);
		return (released != null) ? Math.max(start, released) : start;
	}

	/**
	 * How many more slots a member that keeps sending should claim ahead: its share of
	 * the slots that pass while a claim is under way, less those it has or is claiming.
	 * @param roundTripNanos how long a claim takes to be decided and the request made
	 * ready
	 */
	long shortfall(Operation operation, long nowNanos, long roundTripNanos) {
		if (!isBusy(operation, nowNanos, roundTripNanos)) {
			return 0;
		}
		long ahead = Math
			.round(roundTripNanos * 1.5 / this.geometry.width(operation) / claiming(operation, nowNanos).size());
		long have = this.spare.get(operation).size() + this.inFlight.get(operation).size();
		return Math.min(MAX_BLOCK, Math.max(0, ahead - have));
	}

	/** Whether this member sent lately enough to count as one that keeps sending. */
	private boolean isBusy(Operation operation, long nowNanos, long roundTripNanos) {
		return nowNanos - this.lastSent.get(operation) < 2 * roundTripNanos + this.geometry.width(operation);
	}

	private Set<String> claiming(Operation operation, long nowNanos) {
		Set<String> claiming = this.book.members(operation, this.geometry.slotAt(operation, nowNanos - RECENT_NANOS),
				this.geometry.slotAt(operation, nowNanos + this.holdNanos));
		claiming.add(this.member);
		return claiming;
	}

	/**
	 * A request of this member was sent in this slot: a member that keeps sending claims
	 * ahead, and the shadow of a whole slot serves again a second later.
	 */
	void sent(Operation operation, long slot, long nowNanos) {
		this.lastSent.put(operation, nowNanos);
		if (this.shadowed.get(operation).contains(slot)) {
			this.released.get(operation)
				.put(slot + this.geometry.limit(operation),
						nowNanos + 1_000_000_000L + this.geometry.transitMarginNanos());
		}
	}

	/**
	 * The claim on this block was decided.
	 * @param keepFirst whether the first slot won is for the request that claimed it
	 * @return the first slot of the block this member won, if any and if kept; the others
	 * it won are kept as spares
	 */
	OptionalLong settled(Operation operation, Block block, boolean keepFirst) {
		if (block.shadowed()) {
			return settledWithShadow(operation, block.slots().get(0), block.slots().get(1));
		}
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

	/**
	 * A slot and its shadow: both won, the slot may be sent in until its end and the
	 * shadow is never used; the slot alone is an ordinary one, the shadow alone a spare.
	 */
	private OptionalLong settledWithShadow(Operation operation, long slot, long shadow) {
		this.inFlight.get(operation).remove(slot);
		this.inFlight.get(operation).remove(shadow);
		boolean wonSlot = this.book.isOwnedBy(operation, slot, this.member);
		boolean wonShadow = this.book.isOwnedBy(operation, shadow, this.member);
		if (wonSlot && wonShadow) {
			this.shadowed.get(operation).add(slot);
		}
		else if (wonShadow) {
			this.spare.get(operation).add(shadow);
		}
		return wonSlot ? OptionalLong.of(slot) : OptionalLong.empty();
	}

	/**
	 * Slots claimed at once, in order.
	 *
	 * @param shadowed whether it is a slot and its shadow, from {@link #pickShadowed}
	 */
	record Block(List<Long> slots, boolean shadowed) {

		Block(List<Long> slots) {
			this(slots, false);
		}

	}

}
