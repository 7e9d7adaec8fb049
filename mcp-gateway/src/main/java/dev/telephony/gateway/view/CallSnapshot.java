package dev.telephony.gateway.view;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.telephony.schemas.SpeechResult;

/**
 * A call as the view knows it at one moment; immutable. {@code requestedBy} is the client
 * that placed it, or null for a call this gateway did not place.
 */
public record CallSnapshot(UUID commandId, String callUuid, String conversationUuid, String to, String from,
		String message, Instant createdAt, Outcome outcome, String status, boolean terminal, String detail,
		Integer sipCode, List<StatusChange> history, boolean inputReceived, List<SpeechResult> speech,
		String speechTimeoutReason, String speechError, String dtmfDigits, Boolean dtmfTimedOut,
		Integer durationSeconds, BigDecimal rate, BigDecimal price, Instant startTime, Instant endTime,
		String disconnectedBy, String requestedBy) {

	/**
	 * Whether someone picked up. A call ends {@code completed} only after it was answered
	 * (the other endings are busy, unanswered, …), so that counts even when the
	 * {@code answered} webhook is late.
	 */
	public boolean answered() {
		return "completed".equals(this.status)
				|| this.history.stream().anyMatch((change) -> "answered".equals(change.status()));
	}

}
