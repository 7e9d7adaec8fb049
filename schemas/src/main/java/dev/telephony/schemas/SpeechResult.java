package dev.telephony.schemas;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One transcription candidate; {@code confidence} is 0..1 when the provider gives it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpeechResult(@JsonProperty("text") String text, @JsonProperty("confidence") Double confidence) {

	public SpeechResult {
		Contracts.requireText(text, "text");
	}

}
