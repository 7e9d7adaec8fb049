package dev.telephony.schemas;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/** The provider accepted a command: it returned a call uuid or a message uuid. */
@JsonTypeName(CommandAccepted.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommandAccepted(@JsonProperty("eventId") String eventId, @JsonProperty("commandId") UUID commandId,
		@JsonProperty("occurredAt") Instant occurredAt, @JsonProperty("receivedAt") Instant receivedAt,
		@JsonProperty("callUuid") String callUuid, @JsonProperty("conversationUuid") String conversationUuid,
		@JsonProperty("messageUuid") String messageUuid) implements Event {

	public static final String TYPE = "command-accepted";

	public CommandAccepted {
		Events.requireCommon(eventId, occurredAt, receivedAt);
		Objects.requireNonNull(commandId, "commandId is required");
	}

}
