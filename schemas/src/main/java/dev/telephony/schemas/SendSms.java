package dev.telephony.schemas;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Send one SMS. With {@code awaitReplyUntil}, the sender waits for the recipient's reply
 * until then: every gateway gives a reply to the oldest such SMS to that number from that
 * sender.
 */
@JsonTypeName(SendSms.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendSms(@JsonProperty("commandId") UUID commandId, @JsonProperty("createdAt") Instant createdAt,
		@JsonProperty("expiresAt") Instant expiresAt, @JsonProperty("requestedBy") String requestedBy,
		@JsonProperty("to") String to, @JsonProperty("from") String from, @JsonProperty("text") String text,
		@JsonProperty("awaitReplyUntil") Instant awaitReplyUntil) implements Command {

	public static final String TYPE = "send-sms";

	/** An SMS that expects no reply. */
	public SendSms(UUID commandId, Instant createdAt, Instant expiresAt, String requestedBy, String to, String from,
			String text) {
		this(commandId, createdAt, expiresAt, requestedBy, to, from, text, null);
	}

	public SendSms {
		Objects.requireNonNull(commandId, "commandId is required");
		Objects.requireNonNull(createdAt, "createdAt is required");
		Objects.requireNonNull(expiresAt, "expiresAt is required");
		Contracts.requireE164Digits(to, "to");
		Contracts.requireText(from, "from");
		Contracts.requireText(text, "text");
	}

}
