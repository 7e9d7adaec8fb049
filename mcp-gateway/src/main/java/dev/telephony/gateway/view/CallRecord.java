package dev.telephony.gateway.view;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import dev.telephony.schemas.CallInputReceived;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.PlaceCall;
import dev.telephony.schemas.SpeechResult;

/** The view's mutable state of one call; guarded by the view's lock. */
final class CallRecord {

	private final UUID commandId;

	private String callUuid;

	private String conversationUuid;

	private String to;

	private String from;

	private String message;

	private String requestedBy;

	private Instant createdAt;

	private String status;

	private String detail;

	private Integer sipCode;

	private final List<StatusChange> history = new ArrayList<>();

	private CallInputReceived input;

	private Integer durationSeconds;

	private BigDecimal rate;

	private BigDecimal price;

	private Instant startTime;

	private Instant endTime;

	private String disconnectedBy;

	CallRecord(UUID commandId, String callUuid, Instant seenAt) {
		this.commandId = commandId;
		this.callUuid = callUuid;
		this.createdAt = seenAt;
	}

	void command(PlaceCall command) {
		this.to = command.to();
		this.from = command.from();
		this.message = command.text();
		this.requestedBy = command.requestedBy();
		this.createdAt = command.createdAt();
	}

	void accepted(String callUuid, String conversationUuid) {
		this.callUuid = (callUuid != null) ? callUuid : this.callUuid;
		this.conversationUuid = (conversationUuid != null) ? conversationUuid : this.conversationUuid;
	}

	void status(CallStatusChanged event) {
		this.callUuid = (this.callUuid != null) ? this.callUuid : event.callUuid();
		this.conversationUuid = (this.conversationUuid != null) ? this.conversationUuid : event.conversationUuid();
		this.to = (this.to != null) ? this.to : event.to();
		this.from = (this.from != null) ? this.from : event.from();
		this.history.add(new StatusChange(event.status(), event.occurredAt(), event.detail()));
		this.history.sort(Comparator.comparing(StatusChange::at));
		if (CallStatuses.advances(this.status, event.status())) {
			this.status = event.status();
			this.detail = event.detail();
			this.sipCode = (event.sipCode() != null) ? event.sipCode() : this.sipCode;
		}
		this.durationSeconds = (event.durationSeconds() != null) ? event.durationSeconds() : this.durationSeconds;
		this.rate = (event.rate() != null) ? event.rate() : this.rate;
		this.price = (event.price() != null) ? event.price() : this.price;
		this.startTime = (event.startTime() != null) ? event.startTime() : this.startTime;
		this.endTime = (event.endTime() != null) ? event.endTime() : this.endTime;
		this.disconnectedBy = (event.disconnectedBy() != null) ? event.disconnectedBy() : this.disconnectedBy;
	}

	void input(CallInputReceived event) {
		this.callUuid = (this.callUuid != null) ? this.callUuid : event.callUuid();
		this.input = event;
	}

	UUID commandId() {
		return this.commandId;
	}

	String callUuid() {
		return this.callUuid;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	/**
	 * The call as it is now, with the dispatcher's outcome, which the view keeps per
	 * command.
	 */
	CallSnapshot snapshot(Outcome outcome) {
		List<SpeechResult> speech = (this.input != null && this.input.speechResults() != null)
				? this.input.speechResults() : List.of();
		return new CallSnapshot(this.commandId, this.callUuid, this.conversationUuid, this.to, this.from, this.message,
				this.createdAt, outcome, this.status, this.status != null && CallStatuses.isTerminal(this.status),
				this.detail, this.sipCode, List.copyOf(this.history), this.input != null, speech,
				(this.input != null) ? this.input.speechTimeoutReason() : null,
				(this.input != null) ? this.input.speechError() : null,
				(this.input != null) ? this.input.dtmfDigits() : null,
				(this.input != null) ? this.input.dtmfTimedOut() : null, this.durationSeconds, this.rate, this.price,
				this.startTime, this.endTime, this.disconnectedBy, this.requestedBy);
	}

}
