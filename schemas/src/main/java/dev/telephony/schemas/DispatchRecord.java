package dev.telephony.schemas;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The dispatcher's memory of one command, on the compacted {@link Topics#DISPATCH_LOG}:
 * {@code STARTED} is written before the provider is called and {@code DONE} with the
 * outcome after, so that a command is never sent twice.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DispatchRecord(@JsonProperty("commandId") UUID commandId, @JsonProperty("state") State state,
		@JsonProperty("recordedAt") Instant recordedAt, @JsonProperty("attempts") Integer attempts,
		@JsonProperty("outcome") Event outcome) {

	public DispatchRecord {
		Objects.requireNonNull(commandId, "commandId is required");
		Objects.requireNonNull(state, "state is required");
		Objects.requireNonNull(recordedAt, "recordedAt is required");
		if (state == State.DONE && outcome == null) {
			throw new IllegalArgumentException("a DONE dispatch record needs its outcome");
		}
	}

	public enum State {

		STARTED, DONE, RETRYING

	}

}
