package dev.telephony.schemas;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/** Send one SMS. */
@JsonTypeName(SendSms.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendSms(@JsonProperty("commandId") UUID commandId, @JsonProperty("createdAt") Instant createdAt,
		@JsonProperty("expiresAt") Instant expiresAt, @JsonProperty("requestedBy") String requestedBy,
		@JsonProperty("to") String to, @JsonProperty("from") String from,
		@JsonProperty("text") String text) implements Command {

	public static final String TYPE = "send-sms";

	public SendSms {
		Objects.requireNonNull(commandId, "commandId is required");
		Objects.requireNonNull(createdAt, "createdAt is required");
		Objects.requireNonNull(expiresAt, "expiresAt is required");
		Contracts.requireE164Digits(to, "to");
		Contracts.requireText(from, "from");
		Contracts.requireText(text, "text");
	}

}
