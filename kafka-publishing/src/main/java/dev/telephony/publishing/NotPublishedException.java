package dev.telephony.publishing;

import java.time.Duration;

/**
 * Kafka did not acknowledge a record within the bound: refused, timed out or interrupted.
 * Callers turn it into what their own callers expect (a tool error, a 503, a redelivery).
 */
public class NotPublishedException extends RuntimeException {

	private final PublishOutcome outcome;

	private final Duration bound;

	private final boolean mayHaveBeenWritten;

	NotPublishedException(String topic, PublishOutcome outcome, Duration bound, Throwable cause,
			boolean mayHaveBeenWritten) {
		super(message(topic, outcome, bound, cause), cause);
		this.outcome = outcome;
		this.bound = bound;
		this.mayHaveBeenWritten = mayHaveBeenWritten;
	}

	/**
	 * Whether the record may be on the topic after all: the producer had it when the wait
	 * ended, and may yet deliver it (a retry after a slow answer, say). False only when
	 * the producer refused it before sending.
	 */
	public boolean mayHaveBeenWritten() {
		return this.mayHaveBeenWritten;
	}

	/** {@link PublishOutcome#FAILED}, {@link PublishOutcome#TIMEOUT} or interrupted. */
	public PublishOutcome outcome() {
		return this.outcome;
	}

	/** How long the publisher was allowed to wait. */
	public Duration bound() {
		return this.bound;
	}

	public boolean interrupted() {
		return this.outcome == PublishOutcome.INTERRUPTED;
	}

	private static String message(String topic, PublishOutcome outcome, Duration bound, Throwable cause) {
		return switch (outcome) {
			case INTERRUPTED -> "interrupted while waiting for Kafka to take a record for " + topic;
			case TIMEOUT -> "Kafka did not acknowledge a record for " + topic + " within " + bound.toMillis() + " ms";
			default -> "Kafka did not take a record for " + topic + ": "
					+ ((cause != null) ? cause.getClass().getSimpleName() : "unknown failure");
		};
	}

}
