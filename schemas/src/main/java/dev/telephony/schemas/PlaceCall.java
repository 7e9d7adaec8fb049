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
 */
@JsonTypeName(PlaceCall.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlaceCall(@JsonProperty("commandId") UUID commandId, @JsonProperty("createdAt") Instant createdAt,
		@JsonProperty("expiresAt") Instant expiresAt, @JsonProperty("requestedBy") String requestedBy,
		@JsonProperty("to") String to, @JsonProperty("from") String from, @JsonProperty("text") String text,
		@JsonProperty("language") String language, @JsonProperty("style") Integer style,
		@JsonProperty("input") Input input, @JsonProperty("ringingTimerSeconds") Integer ringingTimerSeconds,
		@JsonProperty("lengthTimerSeconds") Integer lengthTimerSeconds) implements Command {

	public static final String TYPE = "place-call";

	public PlaceCall {
		Objects.requireNonNull(commandId, "commandId is required");
		Objects.requireNonNull(createdAt, "createdAt is required");
		Objects.requireNonNull(expiresAt, "expiresAt is required");
		Contracts.requireE164Digits(to, "to");
		Contracts.requireText(from, "from");
		Contracts.requireText(text, "text");
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
