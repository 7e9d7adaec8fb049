package dev.telephony.schemas;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * What the callee said or pressed, from the webhook of an NCCO input action.
 * {@code heldSince} is set when the input came from a conversation's hold, the listening
 * script ingest answers with between turns: when that hold began.
 */
@JsonTypeName(CallInputReceived.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallInputReceived(@JsonProperty("eventId") String eventId, @JsonProperty("commandId") UUID commandId,
		@JsonProperty("occurredAt") Instant occurredAt, @JsonProperty("receivedAt") Instant receivedAt,
		@JsonProperty("callUuid") String callUuid, @JsonProperty("conversationUuid") String conversationUuid,
		@JsonProperty("speechResults") List<SpeechResult> speechResults,
		@JsonProperty("speechTimeoutReason") String speechTimeoutReason,
		@JsonProperty("speechError") String speechError, @JsonProperty("dtmfDigits") String dtmfDigits,
		@JsonProperty("dtmfTimedOut") Boolean dtmfTimedOut,
		@JsonProperty("heldSince") Instant heldSince) implements Event {

	public static final String TYPE = "call-input-received";

	public CallInputReceived {
		Events.requireCommon(eventId, occurredAt, receivedAt);
		Contracts.requireText(callUuid, "callUuid");
		speechResults = (speechResults != null) ? List.copyOf(speechResults) : null;
	}

	/** Input to a script the dispatcher set, not to a hold. */
	public CallInputReceived(String eventId, UUID commandId, Instant occurredAt, Instant receivedAt, String callUuid,
			String conversationUuid, List<SpeechResult> speechResults, String speechTimeoutReason, String speechError,
			String dtmfDigits, Boolean dtmfTimedOut) {
		this(eventId, commandId, occurredAt, receivedAt, callUuid, conversationUuid, speechResults, speechTimeoutReason,
				speechError, dtmfDigits, dtmfTimedOut, null);
	}

	/** Whether the callee said or pressed anything. */
	@JsonIgnore
	public boolean heardSomething() {
		return (this.speechResults != null && !this.speechResults.isEmpty())
				|| (this.dtmfDigits != null && !this.dtmfDigits.isEmpty());
	}

}
