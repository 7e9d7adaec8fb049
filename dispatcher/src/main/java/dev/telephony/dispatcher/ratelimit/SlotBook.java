package dev.telephony.dispatcher.ratelimit;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.telephony.schemas.RateSlotClaim;

/**
 * Who owns which slot, as the claims on the rate-slots topic decide it. Every dispatcher
 * applies the same claims in the same order (the topic has one partition), so they all
 * come to the same owners: the first claim on a free slot wins it, and nothing takes it
 * away. A dispatcher sends only in slots it owns in its own book, and a slot owned in a
 * book read up to some offset is owned by the same member in every book read further, so
 * no two dispatchers ever send in one slot.
 * <p>
 * A claim only wins slots that start at most {@code horizon} after the broker appended
 * it. So whoever owns a slot was decided by claims appended in the {@code horizon} before
 * its start: a dispatcher that starts reading the topic from a minute back knows all of
 * them for every slot it could still use.
 */
final class SlotBook {

	/** The member that closes slots after the provider answered 429. */
	static final String PROVIDER = "(provider)";

	private static final long KEEP_NANOS = 10_000_000_000L;

	private final Map<Operation, NavigableMap<Long, String>> owners = new EnumMap<>(Operation.class);

	private final Map<Operation, Long> closedThrough = new EnumMap<>(Operation.class);

	private final SlotGeometry geometry;

	private final long horizonNanos;

	SlotBook(SlotGeometry geometry, long horizonNanos) {
		this.geometry = geometry;
		this.horizonNanos = horizonNanos;
		for (Operation operation : Operation.values()) {
			this.owners.put(operation, new TreeMap<>());
			this.closedThrough.put(operation, Long.MIN_VALUE);
		}
	}

	/**
	 * Applies the next claim in topic order.
	 * @param appendedAtNanos when the broker appended it, in epoch nanoseconds
	 * @return the slots it won
	 */
	synchronized Set<Long> apply(RateSlotClaim claim, long appendedAtNanos) {
		Optional<Operation> known = Operation.ofTag(claim.operation());
		if (known.isEmpty() || claim.slotNanos() != this.geometry.width(known.get())) {
			// Slots of another length (a dispatcher configured with another limit) are
			// other slots: granting them could put two requests in one of ours.
			return Set.of();
		}
		Operation operation = known.get();
		NavigableMap<Long, String> slots = this.owners.get(operation);
		slots.headMap(this.geometry.slotAt(operation, appendedAtNanos - KEEP_NANOS)).clear();
		long lastAllowed = this.geometry.slotAt(operation, appendedAtNanos + this.horizonNanos);
		Set<Long> won = new HashSet<>();
		for (long slot : claim.slots()) {
			if (slot <= lastAllowed && slots.putIfAbsent(slot, claim.member()) == null) {
				won.add(slot);
			}
		}
		if (PROVIDER.equals(claim.member())) {
			long last = claim.slots().stream().mapToLong(Long::longValue).max().orElseThrow();
			this.closedThrough.merge(operation, last, Math::max);
		}
		return won;
	}

	/** The members that own slots in the range, the provider aside. */
	synchronized Set<String> members(Operation operation, long fromSlot, long toSlot) {
		Set<String> members = new TreeSet<>(this.owners.get(operation).subMap(fromSlot, true, toSlot, true).values());
		members.remove(PROVIDER);
		return members;
	}

	/** How many slots in the range have an owner, the provider's closures included. */
	synchronized int ownedBetween(Operation operation, long fromSlot, long toSlot) {
		return this.owners.get(operation).subMap(fromSlot, true, toSlot, true).size();
	}

	synchronized boolean isFree(Operation operation, long slot) {
		return !this.owners.get(operation).containsKey(slot);
	}

	synchronized boolean isOwnedBy(Operation operation, long slot, String member) {
		return member.equals(this.owners.get(operation).get(slot));
	}

	/**
	 * Whether the provider's 429 closed this slot; a member that owned it before gives it
	 * up rather than send into the provider's pause.
	 */
	synchronized boolean isClosed(Operation operation, long slot) {
		return slot <= this.closedThrough.get(operation);
	}

}
