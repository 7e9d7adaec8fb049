package dev.telephony.sandbox.journal;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Something the sandbox did that a test may want to assert on: an accepted API request or
 * a webhook attempt. Only the fields relevant to the kind are set.
 *
 * @param time when it happened
 * @param kind what happened
 * @param method HTTP method of an accepted request
 * @param path path of an accepted request
 * @param channel messaging channel
 * @param messageUuid the message concerned
 * @param clientRef the caller's reference of the message, if it gave one
 * @param to recipient
 * @param from sender
 * @param url webhook target
 * @param status status reported by a webhook ({@code submitted}, {@code delivered}, …)
 * @param attempt 1-based attempt number of a webhook
 * @param result HTTP status code the webhook target answered
 * @param error why a webhook attempt failed without an HTTP answer, or was skipped
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(Instant time, Kind kind, @Nullable String method, @Nullable String path,
		@Nullable String channel, @JsonProperty("message_uuid") @Nullable UUID messageUuid,
		@JsonProperty("client_ref") @Nullable String clientRef, @Nullable String to, @Nullable String from,
		@Nullable URI url, @Nullable String status, @Nullable Integer attempt, @Nullable Integer result,
		@Nullable String error) {

	public static JournalEntry request(Instant time, String method, String path, String channel, UUID messageUuid,
			@Nullable String clientRef, String to, String from) {
		return new JournalEntry(time, Kind.REQUEST, method, path, channel, messageUuid, clientRef, to, from, null, null,
				null, null, null);
	}

	public static JournalEntry webhook(Instant time, UUID messageUuid, @Nullable String clientRef, URI url,
			String status, int attempt, @Nullable Integer result, @Nullable String error) {
		return new JournalEntry(time, Kind.WEBHOOK, null, null, "sms", messageUuid, clientRef, null, null, url, status,
				attempt, result, error);
	}

	public static JournalEntry webhookSkipped(Instant time, UUID messageUuid, @Nullable String clientRef, String status,
			String reason) {
		return new JournalEntry(time, Kind.WEBHOOK_SKIPPED, null, null, "sms", messageUuid, clientRef, null, null, null,
				status, null, null, reason);
	}

	public enum Kind {

		@JsonProperty("request")
		REQUEST,

		@JsonProperty("webhook")
		WEBHOOK,

		@JsonProperty("webhook_skipped")
		WEBHOOK_SKIPPED

	}

}
