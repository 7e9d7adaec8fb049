package dev.telephony.gateway.view;

import java.time.Instant;
import java.util.List;

import dev.telephony.schemas.CallInputReceived;
import dev.telephony.schemas.SpeechResult;

/**
 * One thing the callee said or pressed (or a silence), in the order the provider heard
 * it.
 *
 * @param duringHold whether it was heard while the line was held for the model
 * @param timeoutReason why listening stopped, such as {@code start_timeout} for silence
 */
public record Heard(Instant at, List<SpeechResult> speech, String digits, boolean duringHold, String timeoutReason,
		String speechError, String eventId) {

	static Heard of(CallInputReceived input) {
		return new Heard(input.occurredAt(), (input.speechResults() != null) ? input.speechResults() : List.of(),
				input.dtmfDigits(), input.heldSince() != null, input.speechTimeoutReason(), input.speechError(),
				input.eventId());
	}

	/** Whether the callee said or pressed anything. */
	public boolean something() {
		return !this.speech.isEmpty() || (this.digits != null && !this.digits.isEmpty());
	}

	/** The best transcription, or null. */
	public SpeechResult best() {
		return this.speech.isEmpty() ? null : this.speech.get(0);
	}

}
