package dev.telephony.schemas;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A message sent to one of our numbers. It carries no id of ours: the gateway matches it
 * by sender.
 */
@JsonTypeName(InboundMessage.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InboundMessage(@JsonProperty("eventId") String eventId, @JsonProperty("commandId") UUID commandId,
		@JsonProperty("occurredAt") Instant occurredAt, @JsonProperty("receivedAt") Instant receivedAt,
		@JsonProperty("messageUuid") String messageUuid, @JsonProperty("channel") String channel,
		@JsonProperty("from") String from, @JsonProperty("to") String to,
		@JsonProperty("text") String text) implements Event {

	public static final String TYPE = "inbound-message";

	public InboundMessage {
		Events.requireCommon(eventId, occurredAt, receivedAt);
		Contracts.requireText(messageUuid, "messageUuid");
		Contracts.requireText(from, "from");
	}

}
