package dev.telephony.schemas;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The next turn of a conversation call: replace whatever the call is running (usually
 * ingest's hold) with {@code text}, which the callee may interrupt, and listen again.
 * Input to the new script carries this command's id, so the turn's answer is told apart
 * from the one before. {@code to} is the call's destination when known, for the same
 * partition as the call. {@code listen} false says that the model does not wait for an
 * answer to this line (it only asked the callee to hold on); the call still listens.
 */
@JsonTypeName(ContinueCall.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContinueCall(@JsonProperty("commandId") UUID commandId, @JsonProperty("createdAt") Instant createdAt,
		@JsonProperty("expiresAt") Instant expiresAt, @JsonProperty("requestedBy") String requestedBy,
		@JsonProperty("to") String to, @JsonProperty("from") String from, @JsonProperty("callUuid") String callUuid,
		@JsonProperty("text") String text, @JsonProperty("language") String language,
		@JsonProperty("input") PlaceCall.Input input, @JsonProperty("conversation") PlaceCall.Conversation conversation,
		@JsonProperty("listen") Boolean listen) implements Command {

	public static final String TYPE = "continue-call";

	public ContinueCall {
		Objects.requireNonNull(commandId, "commandId is required");
		Objects.requireNonNull(createdAt, "createdAt is required");
		Objects.requireNonNull(expiresAt, "expiresAt is required");
		Contracts.requireText(callUuid, "callUuid");
		Contracts.requireText(text, "text");
		Objects.requireNonNull(input, "input is required");
		Objects.requireNonNull(conversation, "conversation is required");
	}

}
