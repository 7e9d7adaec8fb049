package dev.telephony.schemas;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Ingest ended a conversation call by itself: the hold lasted longer than the call's idle
 * limit without a model turn, so the callee heard {@code goodbye} and the call ends once
 * it has been spoken.
 */
@JsonTypeName(ConversationEnded.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationEnded(@JsonProperty("eventId") String eventId, @JsonProperty("commandId") UUID commandId,
		@JsonProperty("occurredAt") Instant occurredAt, @JsonProperty("receivedAt") Instant receivedAt,
		@JsonProperty("callUuid") String callUuid, @JsonProperty("reason") String reason,
		@JsonProperty("goodbye") String goodbye, @JsonProperty("heldSince") Instant heldSince) implements Event {

	public static final String TYPE = "conversation-ended";

	/** No model turn came within the idle limit. */
	public static final String REASON_IDLE = "idle";

	public ConversationEnded {
		Events.requireCommon(eventId, occurredAt, receivedAt);
		Contracts.requireText(callUuid, "callUuid");
		Contracts.requireText(reason, "reason");
	}

}
