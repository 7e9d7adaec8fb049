package dev.telephony.gateway.view;

import java.time.Instant;
import java.util.UUID;

/**
 * An SMS we sent, its delivery and the reply matched to it; immutable.
 * {@code requestedBy} is the client that sent it.
 */
public record MessageSnapshot(UUID commandId, String messageUuid, String to, String from, Instant createdAt,
		Instant awaitReplyUntil, Outcome outcome, String status, String errorCode, String errorDetail, String replyText,
		Instant repliedAt, String requestedBy) {

	/** Delivery failed for good. */
	public boolean undelivered() {
		return "rejected".equals(this.status) || "undeliverable".equals(this.status);
	}

}
