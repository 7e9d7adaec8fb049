package dev.telephony.gateway.view;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import dev.telephony.schemas.CallInputReceived;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.ContinueCall;
import dev.telephony.schemas.ConversationEnded;
import dev.telephony.schemas.HangupCall;
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

	private PlaceCall.Conversation conversation;

	private String language;

	private PlaceCall.Input listening;

	private String answeringMachine;

	/** Turns in the order they were set; the place-call's first. */
	private final List<TurnState> turns = new ArrayList<>();

	private HangupCall hangup;

	private String answeredBy;

	private String beep;

	private ConversationEnded idleEnd;

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
		this.conversation = command.conversation();
		this.language = command.language();
		this.listening = command.input();
		this.answeringMachine = command.answeringMachine();
		turn(command.commandId()).set(command.text(), command.createdAt(), command.input() != null);
	}

	void turn(ContinueCall command) {
		turn(command.commandId()).set(command.text(), command.createdAt(), !Boolean.FALSE.equals(command.listen()));
	}

	void hangup(HangupCall command) {
		if (this.hangup == null || command.createdAt().isBefore(this.hangup.createdAt())) {
			this.hangup = command;
		}
	}

	void ended(ConversationEnded event) {
		this.idleEnd = event;
	}

	/** Every command that acts on this call, whose watchers its changes wake. */
	List<UUID> commandIds() {
		List<UUID> ids = new ArrayList<>(this.turns.size() + 2);
		if (this.commandId != null) {
			ids.add(this.commandId);
		}
		for (TurnState turn : this.turns) {
			if (!turn.commandId.equals(this.commandId)) {
				ids.add(turn.commandId);
			}
		}
		if (this.hangup != null) {
			ids.add(this.hangup.commandId());
		}
		return ids;
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
		if ("human".equals(event.status()) || "machine".equals(event.status())) {
			this.answeredBy = event.status();
			this.beep = (event.subState() != null) ? event.subState() : this.beep;
		}
	}

	void input(CallInputReceived event) {
		this.callUuid = (this.callUuid != null) ? this.callUuid : event.callUuid();
		if (this.input == null || !event.occurredAt().isBefore(this.input.occurredAt())) {
			this.input = event;
		}
		UUID turnId = (event.commandId() != null) ? event.commandId() : this.commandId;
		// A silent hold round says only that the line is still held; one per minute of
		// silence would bury what was said.
		boolean heldSilence = event.heldSince() != null && !event.heardSomething();
		if (turnId != null && !heldSilence) {
			turn(turnId).heard(Heard.of(event));
		}
	}

	private TurnState turn(UUID commandId) {
		for (TurnState turn : this.turns) {
			if (turn.commandId.equals(commandId)) {
				return turn;
			}
		}
		TurnState turn = new TurnState(commandId);
		this.turns.add(turn);
		return turn;
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
				this.startTime, this.endTime, this.disconnectedBy, this.requestedBy, this.conversation, this.language,
				this.listening, this.answeringMachine, transcript(), endedBy(), endReason(), goodbye(), this.answeredBy,
				this.beep);
	}

	private List<Turn> transcript() {
		return this.turns.stream()
			.filter((turn) -> turn.at != null || !turn.heard.isEmpty())
			.sorted(Comparator.comparing((TurnState turn) -> (turn.at != null) ? turn.at : turn.firstHeard()))
			.map(TurnState::snapshot)
			.toList();
	}

	/**
	 * Who ended the call: {@code model}, {@code idle_limit}, {@code callee} or
	 * {@code provider}.
	 */
	private String endedBy() {
		if (this.idleEnd != null) {
			return "idle_limit";
		}
		if (this.hangup != null) {
			return "model";
		}
		if (this.status == null || !CallStatuses.isTerminal(this.status)) {
			return null;
		}
		return "user".equals(this.disconnectedBy) ? "callee" : "provider";
	}

	private String endReason() {
		if (this.idleEnd != null) {
			return "no model turn for the idle limit of "
					+ ((this.conversation != null) ? this.conversation.idleSeconds() + " s" : "the call");
		}
		if (this.hangup != null) {
			return (this.hangup.goodbye() != null) ? "ended with a goodbye" : "hung up";
		}
		if ("user".equals(this.disconnectedBy)) {
			return "the callee hung up";
		}
		return null;
	}

	private String goodbye() {
		if (this.idleEnd != null) {
			return this.idleEnd.goodbye();
		}
		return (this.hangup != null) ? this.hangup.goodbye() : null;
	}

	/** A turn as the view builds it; its line may come after its input. */
	private static final class TurnState {

		private final UUID commandId;

		private String spoken;

		private Instant at;

		private boolean listens = true;

		private final List<Heard> heard = new ArrayList<>();

		TurnState(UUID commandId) {
			this.commandId = commandId;
		}

		void set(String spoken, Instant at, boolean listens) {
			this.spoken = spoken;
			this.at = at;
			this.listens = listens;
		}

		void heard(Heard heard) {
			if (this.heard.stream().noneMatch((known) -> known.eventId().equals(heard.eventId()))) {
				this.heard.add(heard);
				this.heard.sort(Comparator.comparing(Heard::at));
			}
		}

		Instant firstHeard() {
			return this.heard.isEmpty() ? Instant.MAX : this.heard.get(0).at();
		}

		Turn snapshot() {
			return new Turn(this.commandId, this.spoken, this.at, this.listens, List.copyOf(this.heard));
		}

	}

}
