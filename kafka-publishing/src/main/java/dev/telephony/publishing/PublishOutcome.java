package dev.telephony.publishing;

/**
 * How one publish ended: the {@code outcome} tag of {@code telephony.kafka.publish}, a
 * fixed vocabulary so the series stay bounded.
 */
public enum PublishOutcome {

	/** The broker acknowledged the record. */
	PUBLISHED("published"),

	/** The broker or the producer refused the record. */
	FAILED("failed"),

	/** No acknowledgement within the bound; the record may still be written later. */
	TIMEOUT("timeout"),

	/** The waiting thread was interrupted; the record may still be written later. */
	INTERRUPTED("interrupted");

	private final String tag;

	PublishOutcome(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
