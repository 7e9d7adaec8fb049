package dev.telephony.gateway.view;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import dev.telephony.schemas.CallInputReceived;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.CommandExpired;
import dev.telephony.schemas.CommandFailed;
import dev.telephony.schemas.CommandOutcomeUnknown;
import dev.telephony.schemas.ContinueCall;
import dev.telephony.schemas.ConversationEnded;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.HangupCall;
import dev.telephony.schemas.InboundMessage;
import dev.telephony.schemas.MessageStatusChanged;
import dev.telephony.schemas.PlaceCall;
import dev.telephony.schemas.SendSms;

import org.springframework.stereotype.Component;

/**
 * Calls and messages as every gateway instance sees them, built from the commands and
 * events topics alone. Instances read the same records, so they answer the same; a
 * restarted instance replays the look-back window and answers as before.
 * <p>
 * Records are applied by one reader thread, which then wakes the tool calls watching the
 * commands that changed ({@link WatchRegistry}); tools read snapshots.
 */
@Component
public class TelephonyView {

	private static final int UNMATCHED_REPLIES_KEPT = 1_000;

	private final Object lock = new Object();

	private final Map<UUID, CallRecord> calls = new HashMap<>();

	private final Map<String, CallRecord> callsByUuid = new HashMap<>();

	/** Calls by the continue-call commands that set their later turns. */
	private final Map<UUID, CallRecord> callsByTurn = new HashMap<>();

	private final Map<UUID, MessageRecord> messages = new HashMap<>();

	private final Map<UUID, Outcome> outcomes = new HashMap<>();

	private final Deque<InboundMessage> unmatchedReplies = new ArrayDeque<>();

	/**
	 * SMS that wait for a reply, by the conversation a reply would come in on: an inbound
	 * message is matched against the few sent on its pair of numbers, not against every
	 * message of the look-back window.
	 */
	private final Map<String, List<MessageRecord>> awaitingReply = new HashMap<>();

	private final UsageLedger usage = new UsageLedger();

	private final List<BiConsumer<String, UUID>> countedListeners = new CopyOnWriteArrayList<>();

	private final Duration retention;

	private Instant lastPruned = Instant.EPOCH;

	public TelephonyView(ViewProperties properties) {
		this.retention = properties.lookBack();
	}

	/** Applies a command; it changes the state of that command alone. */
	public void onCommand(Command command) {
		synchronized (this.lock) {
			switch (command) {
				case PlaceCall call -> {
					callForCommand(call.commandId(), call.createdAt()).command(call);
					this.usage.callPlaced(call.commandId(), call.requestedBy(), call.createdAt());
				}
				case SendSms sms -> {
					MessageRecord message = messageForCommand(sms.commandId(), sms.createdAt());
					message.command(sms);
					awaitReply(message);
					this.usage.messageSent(sms.commandId(), sms.requestedBy(), sms.createdAt());
				}
				case HangupCall hangup -> {
					// The call's own events tell how it ended; the view keeps who asked.
					CallRecord call = callNamed(hangup.callUuid());
					if (call != null) {
						call.hangup(hangup);
					}
				}
				case ContinueCall turn -> {
					CallRecord call = callNamed(turn.callUuid());
					if (call != null) {
						call.turn(turn);
						this.callsByTurn.put(turn.commandId(), call);
					}
				}
			}
			prune(command.createdAt());
		}
		if (command instanceof PlaceCall || command instanceof SendSms) {
			// Outside the lock: a listener may take its own, which is held while it asks
			// the view for usage.
			this.countedListeners.forEach((listener) -> listener.accept(command.requestedBy(), command.commandId()));
		}
	}

	/**
	 * Applies an event.
	 * @return the commands whose state it changed, for their watchers to look again: for
	 * a call, every command that acts on it (its turns and its hang-up too)
	 */
	public List<UUID> onEvent(Event event) {
		List<UUID> changed = new ArrayList<>(2);
		synchronized (this.lock) {
			switch (event) {
				case CommandAccepted accepted -> accepted(accepted);
				case CommandFailed failed -> {
					this.outcomes.put(failed.commandId(),
							new Outcome("failed", failed.reasonCode(), failed.detail(), failed.occurredAt()));
					this.usage.callEnded(failed.commandId());
				}
				case CommandExpired expired -> {
					this.outcomes.put(expired.commandId(), new Outcome("expired", "expired",
							"The command expired before it could be sent.", expired.occurredAt()));
					this.usage.callEnded(expired.commandId());
				}
				case CommandOutcomeUnknown unknown -> {
					// No webhook will ever say whether such a call ended; counting it
					// live would hold a slot for hours.
					this.outcomes.put(unknown.commandId(),
							new Outcome("unknown", "outcome_unknown", unknown.detail(), unknown.occurredAt()));
					this.usage.callEnded(unknown.commandId());
				}
				case CallStatusChanged status -> {
					CallRecord call = callFor(status.commandId(), status.callUuid(), status.receivedAt());
					call.status(status);
					if (call.commandId() != null && CallStatuses.isTerminal(status.status())) {
						this.usage.callEnded(call.commandId());
					}
					changed.addAll(call.commandIds());
				}
				case CallInputReceived input -> {
					CallRecord call = callFor(input.commandId(), input.callUuid(), input.receivedAt());
					call.input(input);
					changed.addAll(call.commandIds());
				}
				case ConversationEnded ended -> {
					CallRecord call = callFor(ended.commandId(), ended.callUuid(), ended.receivedAt());
					call.ended(ended);
					changed.addAll(call.commandIds());
				}
				case MessageStatusChanged status -> {
					if (status.commandId() != null) {
						messageForCommand(status.commandId(), status.receivedAt()).status(status);
					}
				}
				case InboundMessage inbound -> reply(inbound).ifPresent(changed::add);
				default -> {
					// Unclassified provider events are kept by ingest's read API, not
					// here.
				}
			}
		}
		if (event.commandId() != null && !changed.contains(event.commandId())) {
			changed.add(event.commandId());
		}
		return changed;
	}

	public Optional<Outcome> outcome(UUID commandId) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.outcomes.get(commandId));
		}
	}

	public Optional<CallSnapshot> callByCommand(UUID commandId) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.calls.get(commandId)).map(this::snapshot);
		}
	}

	/** The call whose turn this continue-call command set. */
	public Optional<CallSnapshot> callByTurn(UUID commandId) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.callsByTurn.get(commandId)).map(this::snapshot);
		}
	}

	public Optional<CallSnapshot> callByUuid(String callUuid) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.callsByUuid.get(callUuid)).map(this::snapshot);
		}
	}

	public Optional<MessageSnapshot> message(UUID commandId) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.messages.get(commandId)).map(this::snapshot);
		}
	}

	/** Calls newest first, active ones before finished ones. */
	public List<CallSnapshot> recentCalls(int limit, Predicate<CallSnapshot> visible) {
		synchronized (this.lock) {
			return this.calls.values()
				.stream()
				.map(this::snapshot)
				.filter(visible)
				.sorted(Comparator.comparing(CallSnapshot::terminal)
					.thenComparing(CallSnapshot::createdAt, Comparator.reverseOrder()))
				.limit(limit)
				.toList();
		}
	}

	/** What a client has asked for recently, for its quotas. */
	public Usage usage(String requestedBy, Instant now) {
		synchronized (this.lock) {
			return this.usage.usage(requestedBy, now);
		}
	}

	/** Whether the view has counted this client's command yet. */
	public boolean counted(String requestedBy, UUID commandId) {
		synchronized (this.lock) {
			return this.usage.counted(requestedBy, commandId);
		}
	}

	/**
	 * Tells {@code listener} of each call and message command once {@link #usage} counts
	 * it (again, if the command is read again), with the client that asked for it; called
	 * on the view's reader thread, outside the view's lock.
	 */
	public void whenCounted(BiConsumer<String, UUID> listener) {
		this.countedListeners.add(listener);
	}

	/** Replies that matched no waiting SMS, newest last. */
	public List<InboundMessage> unmatchedReplies() {
		synchronized (this.lock) {
			return List.copyOf(this.unmatchedReplies);
		}
	}

	private void accepted(CommandAccepted accepted) {
		this.outcomes.put(accepted.commandId(), new Outcome("accepted", null, null, accepted.occurredAt()));
		if (accepted.callUuid() != null && !this.messages.containsKey(accepted.commandId())) {
			CallRecord call = this.calls.get(accepted.commandId());
			// A hang-up's acceptance names the call it ended; only a placed call is
			// created here.
			if (call != null || !this.callsByUuid.containsKey(accepted.callUuid())) {
				call = callForCommand(accepted.commandId(), accepted.receivedAt());
				call.accepted(accepted.callUuid(), accepted.conversationUuid());
				this.callsByUuid.put(accepted.callUuid(), call);
			}
		}
		else if (accepted.messageUuid() != null) {
			messageForCommand(accepted.commandId(), accepted.receivedAt()).accepted(accepted.messageUuid());
		}
	}

	private void awaitReply(MessageRecord message) {
		String conversation = message.replyConversation();
		if (conversation == null) {
			return;
		}
		List<MessageRecord> waiting = this.awaitingReply.computeIfAbsent(conversation, (key) -> new ArrayList<>(1));
		// Replaying the look-back window reads the same command again.
		if (!waiting.contains(message)) {
			waiting.add(message);
		}
	}

	/** Matches a reply to the SMS waiting for it; returns that SMS's command. */
	private Optional<UUID> reply(InboundMessage inbound) {
		String conversation = MessageRecord.conversation(inbound.to(), inbound.from());
		List<MessageRecord> candidates = (conversation != null) ? this.awaitingReply.get(conversation) : null;
		Optional<MessageRecord> waiting = (candidates == null) ? Optional.empty()
				: candidates.stream()
					.filter((message) -> message.awaits(inbound))
					.min(Comparator.comparing(MessageRecord::createdAt));
		if (waiting.isPresent()) {
			waiting.get().reply(inbound);
			candidates.remove(waiting.get());
			if (candidates.isEmpty()) {
				this.awaitingReply.remove(conversation);
			}
			return Optional.of(waiting.get().commandId());
		}
		this.unmatchedReplies.addLast(inbound);
		while (this.unmatchedReplies.size() > UNMATCHED_REPLIES_KEPT) {
			this.unmatchedReplies.removeFirst();
		}
		return Optional.empty();
	}

	private CallRecord callForCommand(UUID commandId, Instant seenAt) {
		return this.calls.computeIfAbsent(commandId, (id) -> new CallRecord(id, null, seenAt));
	}

	/** A call by its uuid or, before Vonage named it, by the command that placed it. */
	private CallRecord callNamed(String callUuid) {
		CallRecord call = this.callsByUuid.get(callUuid);
		if (call != null) {
			return call;
		}
		try {
			return this.calls.get(UUID.fromString(callUuid));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private CallRecord callFor(UUID commandId, String callUuid, Instant seenAt) {
		CallRecord call = (commandId != null) ? this.callsByTurn.get(commandId) : null;
		if (call == null && commandId != null && !this.calls.containsKey(commandId)) {
			// Input to a turn whose command this view has not read yet: the call is
			// known by its uuid, and the turn fills in when its command comes.
			call = this.callsByUuid.get(callUuid);
			if (call != null && call.commandId() != null && !call.commandId().equals(commandId)) {
				this.callsByTurn.put(commandId, call);
			}
			else {
				call = null;
			}
		}
		if (call == null) {
			call = (commandId != null) ? callForCommand(commandId, seenAt) : this.callsByUuid.get(callUuid);
		}
		if (call == null) {
			// A call we did not place (inbound, or from another system): keep it by its
			// uuid.
			call = new CallRecord(null, callUuid, seenAt);
		}
		this.callsByUuid.put(callUuid, call);
		return call;
	}

	private MessageRecord messageForCommand(UUID commandId, Instant seenAt) {
		return this.messages.computeIfAbsent(commandId, (id) -> new MessageRecord(id, seenAt));
	}

	private CallSnapshot snapshot(CallRecord call) {
		return call.snapshot((call.commandId() != null) ? this.outcomes.get(call.commandId()) : null);
	}

	private MessageSnapshot snapshot(MessageRecord message) {
		return message.snapshot(this.outcomes.get(message.commandId()));
	}

	/**
	 * Forgets what is older than the look-back, so memory follows traffic, not uptime.
	 */
	private void prune(Instant now) {
		if (Duration.between(this.lastPruned, now).compareTo(Duration.ofMinutes(1)) < 0) {
			return;
		}
		this.lastPruned = now;
		Instant horizon = now.minus(this.retention);
		this.calls.values().removeIf((call) -> call.createdAt().isBefore(horizon));
		this.callsByUuid.values().removeIf((call) -> call.createdAt().isBefore(horizon));
		this.callsByTurn.values().removeIf((call) -> call.createdAt().isBefore(horizon));
		this.messages.values().removeIf((message) -> message.createdAt().isBefore(horizon));
		// Not by the end of their wait: replay reads the events topic behind the commands
		// topic, so a reply read now may be older than the command that set this horizon.
		this.awaitingReply.values().removeIf((waiting) -> {
			waiting.removeIf((message) -> message.createdAt().isBefore(horizon));
			return waiting.isEmpty();
		});
		this.outcomes.values().removeIf((outcome) -> outcome.at().isBefore(horizon));
		this.usage.prune(now, horizon);
	}

}
