package dev.telephony.sandbox.journal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTests {

	@Test
	void keepsOnlyTheNewestEntriesUpToCapacity() {
		Journal journal = new Journal(properties(3));
		for (int i = 1; i <= 5; i++) {
			journal.record(request("ref-" + i));
		}

		assertThat(journal.entries(JournalEntry.Filter.ALL)).extracting(JournalEntry::clientRef)
			.containsExactly("ref-3", "ref-4", "ref-5");
	}

	@Test
	void filtersByClientRefAndClears() {
		Journal journal = new Journal(properties(10));
		journal.record(request("a"));
		journal.record(request("b"));
		journal.record(JournalEntry.webhook(Instant.now(), JournalEntry.Subject.message("sms", UUID.randomUUID(), "a"),
				"POST", URI.create("http://localhost/s"), "submitted", 1, 200, null));

		assertThat(journal.entries(new JournalEntry.Filter("a", null, null, null))).extracting(JournalEntry::kind)
			.containsExactly(JournalEntry.Kind.REQUEST, JournalEntry.Kind.WEBHOOK);
		journal.clear();
		assertThat(journal.entries(JournalEntry.Filter.ALL)).isEmpty();
	}

	@Test
	void filtersByCallToAndKind() {
		Journal journal = new Journal(properties(10));
		journal.record(JournalEntry.callCreated(Instant.now(), "POST", "/v1/calls", "call-1", "CON-1", "14155550111",
				"14155550100", null));
		journal.record(JournalEntry.callCreated(Instant.now(), "POST", "/v1/calls", "call-2", "CON-2", "14155550112",
				"14155550100", null));
		journal.record(JournalEntry.webhook(Instant.now(), JournalEntry.Subject.call("call-1"), "POST",
				URI.create("http://localhost/e"), "started", 1, 200, null));

		assertThat(journal.entries(new JournalEntry.Filter(null, "call-1", null, null))).hasSize(2);
		assertThat(journal.entries(new JournalEntry.Filter(null, null, "14155550112", null)))
			.extracting(JournalEntry::callUuid)
			.containsExactly("call-2");
		assertThat(journal.entries(new JournalEntry.Filter(null, null, null, JournalEntry.Kind.WEBHOOK)))
			.extracting(JournalEntry::status)
			.containsExactly("started");
	}

	@Test
	void concurrentWritersLoseNothingBelowCapacity() throws Exception {
		Journal journal = new Journal(properties(100_000));
		Thread[] writers = new Thread[8];
		for (int t = 0; t < writers.length; t++) {
			writers[t] = Thread.ofVirtual().start(() -> {
				for (int i = 0; i < 1000; i++) {
					journal.record(request("concurrent"));
				}
			});
		}
		for (Thread writer : writers) {
			writer.join();
		}

		assertThat(journal.entries(new JournalEntry.Filter("concurrent", null, null, null))).hasSize(8000);
	}

	private static JournalEntry request(String clientRef) {
		return JournalEntry.request(Instant.now(), "POST", "/v1/messages", "sms", UUID.randomUUID(), clientRef,
				"447700900123", "447700900000");
	}

	private static JournalProperties properties(int capacity) {
		return new JournalProperties(capacity);
	}

}
