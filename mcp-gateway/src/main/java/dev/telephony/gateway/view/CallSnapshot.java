package dev.telephony.gateway.view;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.telephony.schemas.PlaceCall;
import dev.telephony.schemas.SpeechResult;

/**
 * A call as the view knows it at one moment; immutable. {@code requestedBy} is the client
 * that placed it, or null for a call this gateway did not place. {@code answeredBy} is
 * what machine detection found ({@code human} or {@code machine}), and {@code beep} its
 * {@code beep_start} or {@code beep_timeout}.
 */
public record CallSnapshot(UUID commandId, String callUuid, String conversationUuid, String to, String from,
		String message, Instant createdAt, Outcome outcome, String status, boolean terminal, String detail,
		Integer sipCode, List<StatusChange> history, boolean inputReceived, List<SpeechResult> speech,
		String speechTimeoutReason, String speechError, String dtmfDigits, Boolean dtmfTimedOut,
		Integer durationSeconds, BigDecimal rate, BigDecimal price, Instant startTime, Instant endTime,
		String disconnectedBy, String requestedBy, PlaceCall.Conversation conversation, String language,
		PlaceCall.Input listening, String answeringMachine, List<Turn> turns, String endedBy, String endReason,
		String goodbye, String answeredBy, String beep) {

	/**
	 * Whether the message is left as a voicemail: a machine answered a call that asked
	 * for it, and its beep was heard; the call's script plays only after the beep.
	 */
	public boolean voicemailLeft() {
		return PlaceCall.MACHINE_VOICEMAIL.equals(this.answeringMachine) && "machine".equals(this.answeredBy)
				&& "beep_start".equals(this.beep);
	}

	/** Whether the call is held open between turns. */
	public boolean conversational() {
		return this.conversation != null;
	}

	/** The latest turn, or null. */
	public Turn lastTurn() {
		return this.turns.isEmpty() ? null : this.turns.get(this.turns.size() - 1);
	}

	/** Whether the callee has answered the turn set by this command. */
	public boolean turnAnswered(UUID commandId) {
		Turn turn = turn(commandId);
		return turn != null && turn.answered();
	}

	/** The turn set by this command, or null. */
	public Turn turn(UUID commandId) {
		return this.turns.stream().filter((turn) -> turn.commandId().equals(commandId)).findFirst().orElse(null);
	}

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
