package dev.telephony.schemas;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * End a live call. {@code to} is the call's destination when known, so the hang-up lands
 * on the same partition as the call it ends. With a {@code goodbye} the call is
 * transferred to a script that speaks it, and ends when it has been spoken.
 */
@JsonTypeName(HangupCall.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record HangupCall(@JsonProperty("commandId") UUID commandId, @JsonProperty("createdAt") Instant createdAt,
		@JsonProperty("expiresAt") Instant expiresAt, @JsonProperty("requestedBy") String requestedBy,
		@JsonProperty("to") String to, @JsonProperty("from") String from, @JsonProperty("callUuid") String callUuid,
		@JsonProperty("goodbye") String goodbye, @JsonProperty("language") String language) implements Command {

	public static final String TYPE = "hangup-call";

	public HangupCall {
		Objects.requireNonNull(commandId, "commandId is required");
		Objects.requireNonNull(createdAt, "createdAt is required");
		Objects.requireNonNull(expiresAt, "expiresAt is required");
		Contracts.requireText(callUuid, "callUuid");
		if (goodbye != null) {
			Contracts.requireText(goodbye, "goodbye");
		}
	}

	/** A hang-up at once, without a goodbye. */
	public HangupCall(UUID commandId, Instant createdAt, Instant expiresAt, String requestedBy, String to, String from,
			String callUuid) {
		this(commandId, createdAt, expiresAt, requestedBy, to, from, callUuid, null, null);
	}

}
