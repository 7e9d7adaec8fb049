package dev.telephony.schemas;

import java.time.Instant;
import java.util.Objects;

/** Checks shared by the event records' compact constructors. */
final class Events {

	private Events() {
	}

	static void requireCommon(String eventId, Instant occurredAt, Instant receivedAt) {
		Contracts.requireText(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt is required");
		Objects.requireNonNull(receivedAt, "receivedAt is required");
	}

}
