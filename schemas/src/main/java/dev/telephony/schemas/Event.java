package dev.telephony.schemas;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Something that happened: an outcome of a {@link Command} reported by the dispatcher, or
 * a provider webhook normalised by webhook ingest. Published to {@link Topics#EVENTS}.
 * <p>
 * Events can arrive late, twice or out of order; readers deduplicate on
 * {@link #eventId()}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = CommandAccepted.class, name = CommandAccepted.TYPE),
		@JsonSubTypes.Type(value = CommandFailed.class, name = CommandFailed.TYPE),
		@JsonSubTypes.Type(value = CommandExpired.class, name = CommandExpired.TYPE),
		@JsonSubTypes.Type(value = CommandOutcomeUnknown.class, name = CommandOutcomeUnknown.TYPE),
		@JsonSubTypes.Type(value = CallStatusChanged.class, name = CallStatusChanged.TYPE),
		@JsonSubTypes.Type(value = CallInputReceived.class, name = CallInputReceived.TYPE),
		@JsonSubTypes.Type(value = ConversationEnded.class, name = ConversationEnded.TYPE),
		@JsonSubTypes.Type(value = MessageStatusChanged.class, name = MessageStatusChanged.TYPE),
		@JsonSubTypes.Type(value = InboundMessage.class, name = InboundMessage.TYPE),
		@JsonSubTypes.Type(value = InboundCall.class, name = InboundCall.TYPE),
		@JsonSubTypes.Type(value = ProviderEventUnclassified.class, name = ProviderEventUnclassified.TYPE) })
public sealed interface Event permits CommandAccepted, CommandFailed, CommandExpired, CommandOutcomeUnknown,
		CallStatusChanged, CallInputReceived, ConversationEnded, MessageStatusChanged, InboundMessage, InboundCall,
		ProviderEventUnclassified {

	/**
	 * Unique per event. Provider events derive it from the payload's natural keys
	 * ({@link EventIds}) so that a redelivered webhook gets the same id.
	 */
	String eventId();

	/** The command this event belongs to, when known. */
	UUID commandId();

	/**
	 * When it happened, by the clock of whoever observed it first (the provider for
	 * webhooks).
	 */
	Instant occurredAt();

	/** When this system received or produced it. */
	Instant receivedAt();

	/** Whether this event ends the dispatcher's handling of a command. */
	@JsonIgnore
	default boolean isCommandOutcome() {
		return this instanceof CommandAccepted || this instanceof CommandFailed || this instanceof CommandExpired
				|| this instanceof CommandOutcomeUnknown;
	}

	/**
	 * The CloudEvents {@code ce_type}, such as
	 * {@code telephony.event.command-accepted.v1}.
	 */
	@JsonIgnore
	default String cloudEventType() {
		String name = switch (this) {
			case CommandAccepted ignored -> CommandAccepted.TYPE;
			case CommandFailed ignored -> CommandFailed.TYPE;
			case CommandExpired ignored -> CommandExpired.TYPE;
			case CommandOutcomeUnknown ignored -> CommandOutcomeUnknown.TYPE;
			case CallStatusChanged ignored -> CallStatusChanged.TYPE;
			case CallInputReceived ignored -> CallInputReceived.TYPE;
			case ConversationEnded ignored -> ConversationEnded.TYPE;
			case MessageStatusChanged ignored -> MessageStatusChanged.TYPE;
			case InboundMessage ignored -> InboundMessage.TYPE;
			case InboundCall ignored -> InboundCall.TYPE;
			case ProviderEventUnclassified ignored -> ProviderEventUnclassified.TYPE;
		};
		return "telephony.event." + name + ".v1";
	}

	/**
	 * Record key: the command id when known, so all events of one command share a
	 * partition; else the provider's id, or the sender for inbound messages, which carry
	 * no id of ours.
	 */
	@JsonIgnore
	default String recordKey() {
		if (commandId() != null) {
			return commandId().toString();
		}
		return switch (this) {
			case CallStatusChanged e -> e.callUuid();
			case CallInputReceived e -> e.callUuid();
			case ConversationEnded e -> e.callUuid();
			case MessageStatusChanged e -> e.messageUuid();
			case InboundMessage e -> e.from();
			case InboundCall e -> e.callUuid();
			case CommandAccepted e -> eventId();
			case CommandFailed e -> eventId();
			case CommandExpired e -> eventId();
			case CommandOutcomeUnknown e -> eventId();
			case ProviderEventUnclassified e -> eventId();
		};
	}

}
