package dev.telephony.schemas;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A request may or may not have reached the provider (a timeout after sending, say). It
 * is never re-sent.
 */
@JsonTypeName(CommandOutcomeUnknown.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommandOutcomeUnknown(@JsonProperty("eventId") String eventId, @JsonProperty("commandId") UUID commandId,
		@JsonProperty("occurredAt") Instant occurredAt, @JsonProperty("receivedAt") Instant receivedAt,
		@JsonProperty("detail") String detail) implements Event {

	public static final String TYPE = "command-outcome-unknown";

	public CommandOutcomeUnknown {
		Events.requireCommon(eventId, occurredAt, receivedAt);
		Objects.requireNonNull(commandId, "commandId is required");
	}

}
