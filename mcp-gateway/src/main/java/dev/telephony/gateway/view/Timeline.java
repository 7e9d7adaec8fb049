package dev.telephony.gateway.view;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One client's commands of one kind, oldest first, so that counting a window is a binary
 * search however many commands the client has made, and forgetting the oldest touches
 * only those forgotten. Guarded by the view's lock.
 */
final class Timeline {

	private static final int SMALLEST = 8;

	private Instant[] times = new Instant[SMALLEST];

	private UUID[] ids = new UUID[SMALLEST];

	/** Where the oldest kept is. */
	private int first;

	/** One past the newest. */
	private int end;

	void add(Instant at, UUID commandId) {
		if (this.end == this.times.length) {
			makeRoom();
		}
		// Commands come nearly in creation order (one topic, a few replicas' clocks), so
		// this is almost always an append; a late one is slotted in, not appended, so the
		// order the counts rely on holds.
		int slot = (this.end == this.first || !this.times[this.end - 1].isAfter(at)) ? this.end : firstAfter(at);
		System.arraycopy(this.times, slot, this.times, slot + 1, this.end - slot);
		System.arraycopy(this.ids, slot, this.ids, slot + 1, this.end - slot);
		this.times[slot] = at;
		this.ids[slot] = commandId;
		this.end++;
	}

	/** How many were created after {@code cutoff}, as a window that ends now counts. */
	int countAfter(Instant cutoff) {
		return this.end - firstAfter(cutoff);
	}

	/**
	 * Forgets those created before {@code horizon}, telling {@code forgotten} of each.
	 */
	void forgetBefore(Instant horizon, Consumer<UUID> forgotten) {
		while (this.first < this.end && this.times[this.first].isBefore(horizon)) {
			forgotten.accept(this.ids[this.first]);
			this.times[this.first] = null;
			this.ids[this.first] = null;
			this.first++;
		}
		int size = this.end - this.first;
		if (this.times.length > SMALLEST && size < this.times.length / 4) {
			// After a burst, memory follows the traffic back down.
			resize(Math.max(SMALLEST, this.times.length / 2));
		}
	}

	boolean isEmpty() {
		return this.first == this.end;
	}

	private int firstAfter(Instant cutoff) {
		int low = this.first;
		int high = this.end;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (this.times[middle].isAfter(cutoff)) {
				high = middle;
			}
			else {
				low = middle + 1;
			}
		}
		return low;
	}

	private void makeRoom() {
		int size = this.end - this.first;
		// Sliding back over the forgotten is amortised by the forgetting; growing only
		// when the array is mostly in use keeps that so.
		resize((size <= this.times.length / 2) ? this.times.length : this.times.length * 2);
	}

	private void resize(int length) {
		int size = this.end - this.first;
		Instant[] times = new Instant[length];
		UUID[] ids = new UUID[length];
		System.arraycopy(this.times, this.first, times, 0, size);
		System.arraycopy(this.ids, this.first, ids, 0, size);
		this.times = times;
		this.ids = ids;
		this.first = 0;
		this.end = size;
	}

}
