package dev.telephony.sandbox.journal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * In-memory record of what the sandbox accepted and sent, oldest first. Bounded so a
 * long-running sandbox cannot run out of memory; the oldest entries are dropped.
 */
@Component
public class Journal {

	private final int capacity;

	private final Deque<JournalEntry> entries = new ArrayDeque<>();

	Journal(JournalProperties properties) {
		this.capacity = properties.journalCapacity();
	}

	public void record(JournalEntry entry) {
		synchronized (this.entries) {
			if (this.entries.size() == this.capacity) {
				this.entries.removeFirst();
			}
			this.entries.addLast(entry);
		}
	}

	List<JournalEntry> entries(JournalEntry.Filter filter) {
		synchronized (this.entries) {
			return this.entries.stream().filter((entry) -> entry.matches(filter)).toList();
		}
	}

	void clear() {
		synchronized (this.entries) {
			this.entries.clear();
		}
	}

}
