package dev.telephony.schemas;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A command failed for good: {@code reasonCode} is stable and machine-readable,
 * {@code detail} is for people.
 */
@JsonTypeName(CommandFailed.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommandFailed(@JsonProperty("eventId") String eventId, @JsonProperty("commandId") UUID commandId,
		@JsonProperty("occurredAt") Instant occurredAt, @JsonProperty("receivedAt") Instant receivedAt,
		@JsonProperty("reasonCode") String reasonCode, @JsonProperty("detail") String detail,
		@JsonProperty("attempts") Integer attempts, @JsonProperty("retryable") Boolean retryable) implements Event {

	public static final String TYPE = "command-failed";

	public CommandFailed {
		Events.requireCommon(eventId, occurredAt, receivedAt);
		Objects.requireNonNull(commandId, "commandId is required");
		Contracts.requireText(reasonCode, "reasonCode");
	}

}
