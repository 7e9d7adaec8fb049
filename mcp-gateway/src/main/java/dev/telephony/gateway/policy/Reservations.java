package dev.telephony.gateway.policy;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The commands this instance admitted that the view has not counted yet, by client. Each
 * client's are held apart and locked apart, so that clients never wait for one another
 * and a quota check touches its own client's alone.
 */
final class Reservations {

	private final Map<String, Held> byClient = new ConcurrentHashMap<>();

	/** One client's; lock it around every use. */
	Held of(String client) {
		return this.byClient.computeIfAbsent(client, (name) -> new Held());
	}

	/** The view counts this command now: it is in the client's usage, not pending. */
	void counted(String client, UUID commandId) {
		// A command written by another system may name no client; none reserved it.
		Held held = (client != null) ? this.byClient.get(client) : null;
		if (held != null) {
			synchronized (held) {
				held.remove(commandId);
			}
		}
	}

	/** One client's reservations, oldest first; guarded by itself. */
	static final class Held {

		private final LinkedHashMap<UUID, Reservation> oldestFirst = new LinkedHashMap<>();

		private int calls;

		private int messages;

		void add(UUID commandId, boolean call, Instant at) {
			if (this.oldestFirst.putIfAbsent(commandId, new Reservation(call, at)) == null) {
				count(call, 1);
			}
		}

		void remove(UUID commandId) {
			Reservation held = this.oldestFirst.remove(commandId);
			if (held != null) {
				count(held.call(), -1);
			}
		}

		/**
		 * Drops the reservations made before {@code before}. They were added in the order
		 * they were made, give or take the moment between a tool call reading the clock
		 * and taking this lock, so the expired ones are at the head.
		 */
		void expire(Instant before) {
			Iterator<Reservation> oldest = this.oldestFirst.values().iterator();
			while (oldest.hasNext()) {
				Reservation held = oldest.next();
				if (!held.at().isBefore(before)) {
					return;
				}
				oldest.remove();
				count(held.call(), -1);
			}
		}

		int pending(boolean call) {
			return call ? this.calls : this.messages;
		}

		private void count(boolean call, int change) {
			if (call) {
				this.calls += change;
			}
			else {
				this.messages += change;
			}
		}

	}

	private record Reservation(boolean call, Instant at) {
	}

}
