package dev.telephony.dispatcher.commands;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.stereotype.Component;

/**
 * Makes the two writes that finish a command at once, its DONE record and its outcome
 * event, and returns once Kafka has acknowledged both: one wait for the broker instead of
 * two, on the path of every tool call's answer.
 * <p>
 * Their order does not matter for at most once: that rests on STARTED, acknowledged
 * before the provider request (ADR 4). Whichever of the two a crash leaves out, a
 * redelivered command either re-publishes the recorded outcome (DONE was written) or
 * reports it unknown under the same event id, and consumers keep the first event of an
 * id, so an outcome already published stands. A failure of either is thrown as when they
 * were written one after the other, DONE's first, and the command is not acknowledged: it
 * is handled again, as before.
 */
@Component
class FinalWrites {

	/**
	 * @param doneRecord writes the DONE record and waits for Kafka, on a thread of its
	 * own
	 * @param outcome publishes the outcome and waits for Kafka, on the caller's thread
	 */
	void write(Runnable doneRecord, Runnable outcome) {
		// Joined uninterruptibly: the dispatch log's own bound ends the wait, and a
		// revoked lane's DONE record is written before the next owner reads the log.
		CompletableFuture<Void> recorded = CompletableFuture.runAsync(doneRecord,
				(task) -> Thread.ofVirtual().name("dispatch-log-done").start(task));
		RuntimeException notPublished = null;
		try {
			outcome.run();
		}
		catch (RuntimeException ex) {
			notPublished = ex;
		}
		try {
			recorded.join();
		}
		catch (CompletionException ex) {
			RuntimeException notRecorded = (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
			if (notPublished != null) {
				notRecorded.addSuppressed(notPublished);
			}
			throw notRecorded;
		}
		if (notPublished != null) {
			throw notPublished;
		}
	}

}
