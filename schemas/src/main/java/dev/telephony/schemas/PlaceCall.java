package dev.telephony.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Place an outbound call that speaks {@code text} and, when {@code input} is present,
 * listens for speech and/or DTMF afterwards.
 * <p>
 * With {@code conversation} the call stays open after the input: ingest holds the line,
 * still listening, until a {@link ContinueCall} or {@link HangupCall} replaces the
 * script, or the hold has lasted {@link Conversation#idleSeconds()}.
 * {@code answeringMachine} says what to do when a machine answers: {@code voicemail}
 * (speak {@code text} after the beep, then hang up) or {@code hangup}; absent, machines
 * are not looked for.
 */
@JsonTypeName(PlaceCall.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlaceCall(@JsonProperty("commandId") UUID commandId, @JsonProperty("createdAt") Instant createdAt,
		@JsonProperty("expiresAt") Instant expiresAt, @JsonProperty("requestedBy") String requestedBy,
		@JsonProperty("to") String to, @JsonProperty("from") String from, @JsonProperty("text") String text,
		@JsonProperty("language") String language, @JsonProperty("style") Integer style,
		@JsonProperty("input") Input input, @JsonProperty("ringingTimerSeconds") Integer ringingTimerSeconds,
		@JsonProperty("lengthTimerSeconds") Integer lengthTimerSeconds,
		@JsonProperty("conversation") Conversation conversation,
		@JsonProperty("answeringMachine") String answeringMachine) implements Command {

	public static final String TYPE = "place-call";

	/** Answering machines get the message after the beep, and the call then ends. */
	public static final String MACHINE_VOICEMAIL = "voicemail";

	/** Answering machines are hung up on at once. */
	public static final String MACHINE_HANGUP = "hangup";

	public PlaceCall {
		Objects.requireNonNull(commandId, "commandId is required");
		Objects.requireNonNull(createdAt, "createdAt is required");
		Objects.requireNonNull(expiresAt, "expiresAt is required");
		Contracts.requireE164Digits(to, "to");
		Contracts.requireText(from, "from");
		Contracts.requireText(text, "text");
		if (conversation != null && input == null) {
			throw new IllegalArgumentException("a conversation listens: input is required");
		}
		if (answeringMachine != null && !answeringMachine.equals(MACHINE_VOICEMAIL)
				&& !answeringMachine.equals(MACHINE_HANGUP)) {
			throw new IllegalArgumentException("answeringMachine must be voicemail or hangup");
		}
	}

	/** A one-shot call, the kind every version before conversations placed. */
	public PlaceCall(UUID commandId, Instant createdAt, Instant expiresAt, String requestedBy, String to, String from,
			String text, String language, Integer style, Input input, Integer ringingTimerSeconds,
			Integer lengthTimerSeconds) {
		this(commandId, createdAt, expiresAt, requestedBy, to, from, text, language, style, input, ringingTimerSeconds,
				lengthTimerSeconds, null, null);
	}

	/**
	 * A call held open between turns.
	 *
	 * @param idleSeconds how long a hold may last without a turn before ingest says
	 * goodbye and the call ends
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Conversation(@JsonProperty("idleSeconds") int idleSeconds) {

		public Conversation {
			if (idleSeconds < 5 || idleSeconds > 3600) {
				throw new IllegalArgumentException("idleSeconds must be between 5 and 3600");
			}
		}

	}

	/** What to listen for after the talk; absent settings take Vonage's defaults. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Input(@JsonProperty("speech") Boolean speech, @JsonProperty("dtmf") Boolean dtmf,
			@JsonProperty("speechLanguage") String speechLanguage,
			@JsonProperty("speechContext") List<String> speechContext,
			@JsonProperty("endOnSilenceSeconds") Double endOnSilenceSeconds,
			@JsonProperty("startTimeoutSeconds") Integer startTimeoutSeconds,
			@JsonProperty("maxDurationSeconds") Integer maxDurationSeconds,
			@JsonProperty("maxDigits") Integer maxDigits,
			@JsonProperty("dtmfTimeoutSeconds") Integer dtmfTimeoutSeconds,
			@JsonProperty("submitOnHash") Boolean submitOnHash) {

		public Input {
			if (!Boolean.TRUE.equals(speech) && !Boolean.TRUE.equals(dtmf)) {
				throw new IllegalArgumentException("input must listen for speech, dtmf or both");
			}
			speechContext = (speechContext != null) ? List.copyOf(speechContext) : null;
		}

	}

}
