package dev.telephony.sandbox.messages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/messages} as far as the sandbox reads it. Everything is
 * optional here so that missing fields become {@code invalid_parameters} entries instead
 * of a JSON error; fields of other channels are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record MessageRequest(@JsonProperty("message_type") @Nullable String messageType, @Nullable String channel,
		@Nullable String to, @Nullable String from, @Nullable String text,
		@JsonProperty("client_ref") @Nullable String clientRef,
		@JsonProperty("webhook_url") @Nullable String webhookUrl,
		@JsonProperty("webhook_version") @Nullable String webhookVersion, @Nullable Integer ttl) {

}
