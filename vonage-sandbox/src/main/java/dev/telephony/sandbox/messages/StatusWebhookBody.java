package dev.telephony.sandbox.messages;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of a Messages API status webhook for the SMS channel, field names as Vonage sends
 * them. Vonage sends counts and prices as strings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StatusWebhookBody(@JsonProperty("message_uuid") UUID messageUuid, String to, String from, String timestamp,
		String status, String channel, @JsonProperty("client_ref") @Nullable String clientRef, @Nullable Error error,
		@Nullable Usage usage, Sms sms) {

	record Error(String type, String title, String detail, String instance) {
	}

	record Usage(String currency, String price) {
	}

	record Sms(@JsonProperty("count_total") String countTotal) {
	}

}
