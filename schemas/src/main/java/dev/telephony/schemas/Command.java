package dev.telephony.schemas;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A request to act on the provider, published by the gateway to {@link Topics#COMMANDS}.
 * <p>
 * The {@code type} property names the kind; it is a logical name, never a Java class
 * name.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = SendSms.class, name = SendSms.TYPE),
		@JsonSubTypes.Type(value = PlaceCall.class, name = PlaceCall.TYPE),
		@JsonSubTypes.Type(value = HangupCall.class, name = HangupCall.TYPE),
		@JsonSubTypes.Type(value = ContinueCall.class, name = ContinueCall.TYPE) })
public sealed interface Command permits SendSms, PlaceCall, HangupCall, ContinueCall {

	/** Unique per request, time-ordered; the idempotency key of the whole flow. */
	UUID commandId();

	Instant createdAt();

	/** The deadline: a command is never executed after it. */
	Instant expiresAt();

	/** The authenticated MCP client that asked for it. */
	String requestedBy();

	/** Destination number, E.164 digits without {@code +}. */
	String to();

	/** Sender number (E.164 digits) or alphanumeric sender id. */
	String from();

	@JsonIgnore
	default boolean isExpiredAt(Instant now) {
		return !now.isBefore(expiresAt());
	}

	/**
	 * The CloudEvents {@code ce_type} of this command, such as
	 * {@code telephony.command.send-sms.v1}.
	 */
	@JsonIgnore
	default String cloudEventType() {
		String name = switch (this) {
			case SendSms ignored -> SendSms.TYPE;
			case PlaceCall ignored -> PlaceCall.TYPE;
			case HangupCall ignored -> HangupCall.TYPE;
			case ContinueCall ignored -> ContinueCall.TYPE;
		};
		return cloudEventType(name);
	}

	/**
	 * The CloudEvents {@code ce_type} of commands of one type, such as
	 * {@link SendSms#TYPE}: for naming series before any command exists.
	 */
	static String cloudEventType(String type) {
		return "telephony.command." + type + ".v1";
	}

	/**
	 * Record key: the destination keeps per-recipient order; a hang-up or turn without
	 * one uses the call.
	 */
	@JsonIgnore
	default String recordKey() {
		return switch (this) {
			case HangupCall hangup when hangup.to() == null -> hangup.callUuid();
			case ContinueCall turn when turn.to() == null -> turn.callUuid();
			default -> to();
		};
	}

}
