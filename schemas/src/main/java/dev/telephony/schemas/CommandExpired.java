package dev.telephony.schemas;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/** A command reached its deadline before it was sent: the provider was never asked. */
@JsonTypeName(CommandExpired.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommandExpired(@JsonProperty("eventId") String eventId, @JsonProperty("commandId") UUID commandId,
		@JsonProperty("occurredAt") Instant occurredAt, @JsonProperty("receivedAt") Instant receivedAt,
		@JsonProperty("expiresAt") Instant expiresAt) implements Event {

	public static final String TYPE = "command-expired";

	public CommandExpired {
		Events.requireCommon(eventId, occurredAt, receivedAt);
		Objects.requireNonNull(commandId, "commandId is required");
	}

}
