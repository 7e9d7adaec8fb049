package dev.telephony.schemas;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Someone called one of our numbers: Vonage asked the answer webhook what to do with the
 * call.
 */
@JsonTypeName(InboundCall.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InboundCall(@JsonProperty("eventId") String eventId, @JsonProperty("commandId") UUID commandId,
		@JsonProperty("occurredAt") Instant occurredAt, @JsonProperty("receivedAt") Instant receivedAt,
		@JsonProperty("callUuid") String callUuid, @JsonProperty("conversationUuid") String conversationUuid,
		@JsonProperty("from") String from, @JsonProperty("to") String to) implements Event {

	public static final String TYPE = "inbound-call";

	public InboundCall {
		Events.requireCommon(eventId, occurredAt, receivedAt);
		Contracts.requireText(callUuid, "callUuid");
	}

}
