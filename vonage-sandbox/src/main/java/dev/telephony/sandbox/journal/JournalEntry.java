package dev.telephony.sandbox.journal;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Something the sandbox did that a test may want to assert on: an accepted API request or
 * a webhook attempt. Only the fields relevant to the kind are set.
 *
 * @param time when it happened
 * @param kind what happened
 * @param method HTTP method of an accepted request or a webhook
 * @param path path of an accepted request
 * @param channel messaging channel, or {@code voice}
 * @param messageUuid the message concerned
 * @param clientRef the caller's reference of the message, if it gave one
 * @param callUuid the call concerned
 * @param conversationUuid the conversation of a created call
 * @param to recipient
 * @param from sender
 * @param eventUrl event URL of a created call
 * @param url webhook target
 * @param status status reported by a webhook ({@code submitted}, {@code answered},
 * {@code input}, …), the action of a call request, or how a talk ended
 * @param attempt 1-based attempt number of a webhook
 * @param result HTTP status code the webhook target answered
 * @param error why a webhook attempt failed without an HTTP answer, or was skipped
 * @param text what a call's talk said, or left on an answering machine
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(Instant time, Kind kind, @Nullable String method, @Nullable String path,
		@Nullable String channel, @JsonProperty("message_uuid") @Nullable UUID messageUuid,
		@JsonProperty("client_ref") @Nullable String clientRef, @JsonProperty("call_uuid") @Nullable String callUuid,
		@JsonProperty("conversation_uuid") @Nullable String conversationUuid, @Nullable String to,
		@Nullable String from, @JsonProperty("event_url") @Nullable URI eventUrl, @Nullable URI url,
		@Nullable String status, @Nullable Integer attempt, @Nullable Integer result, @Nullable String error,
		@Nullable String text) {

	public static JournalEntry request(Instant time, String method, String path, String channel, UUID messageUuid,
			@Nullable String clientRef, String to, String from) {
		return new JournalEntry(time, Kind.REQUEST, method, path, channel, messageUuid, clientRef, null, null, to, from,
				null, null, null, null, null, null, null);
	}

	public static JournalEntry callCreated(Instant time, String method, String path, String callUuid,
			String conversationUuid, String to, @Nullable String from, @Nullable URI eventUrl) {
		return new JournalEntry(time, Kind.REQUEST, method, path, "voice", null, null, callUuid, conversationUuid, to,
				from, eventUrl, null, null, null, null, null, null);
	}

	/**
	 * Any other accepted Voice API request.
	 * @param time when it was accepted
	 * @param method HTTP method
	 * @param path request path
	 * @param callUuid the call it concerns, if any
	 * @param action what it asked for ({@code hangup}, {@code talk}, …), if anything
	 * @return the entry
	 */
	public static JournalEntry callRequest(Instant time, String method, String path, @Nullable String callUuid,
			@Nullable String action) {
		return new JournalEntry(time, Kind.REQUEST, method, path, "voice", null, null, callUuid, null, null, null, null,
				null, action, null, null, null, null);
	}

	public static JournalEntry webhook(Instant time, Subject subject, String method, URI url, String status,
			int attempt, @Nullable Integer result, @Nullable String error) {
		return new JournalEntry(time, Kind.WEBHOOK, method, null, subject.channel(), subject.messageUuid(),
				subject.clientRef(), subject.callUuid(), null, null, null, null, url, status, attempt, result, error,
				null);
	}

	public static JournalEntry webhookSkipped(Instant time, Subject subject, String status, String reason) {
		return new JournalEntry(time, Kind.WEBHOOK_SKIPPED, null, null, subject.channel(), subject.messageUuid(),
				subject.clientRef(), subject.callUuid(), null, null, null, null, null, status, null, null, reason,
				null);
	}

	/**
	 * A talk played into an answering machine after its beep: a voicemail left.
	 * @param time when the talk started
	 * @param callUuid the call
	 * @param to the called number
	 * @param text what was said (SSML tags removed)
	 * @return the entry
	 */
	public static JournalEntry voicemail(Instant time, String callUuid, String to, String text) {
		return new JournalEntry(time, Kind.VOICEMAIL, null, null, "voice", null, null, callUuid, null, to, null, null,
				null, null, null, null, null, text);
	}

	/**
	 * A talk the call played to its callee, voicemail or not: what the callee heard, in
	 * order, whichever script it came from. Journaled when it stops.
	 * @param time when the talk started
	 * @param callUuid the call
	 * @param to the called number
	 * @param text what was said (SSML tags removed)
	 * @param how {@code played} to the end, {@code barged_in} (the callee spoke over it)
	 * or {@code cut_off} (a transfer, a hang-up or the length timer)
	 * @return the entry
	 */
	public static JournalEntry talk(Instant time, String callUuid, String to, String text, String how) {
		return new JournalEntry(time, Kind.TALK, null, null, "voice", null, null, callUuid, null, to, null, null, null,
				how, null, null, null, text);
	}

	@JsonIgnore
	boolean matches(Filter filter) {
		return (filter.clientRef() == null || filter.clientRef().equals(this.clientRef))
				&& (filter.callUuid() == null || filter.callUuid().equals(this.callUuid))
				&& (filter.to() == null || filter.to().equals(this.to))
				&& (filter.kind() == null || filter.kind() == this.kind);
	}

	/**
	 * What a webhook is about.
	 *
	 * @param channel messaging channel, or {@code voice}
	 * @param messageUuid the message, for messaging webhooks
	 * @param clientRef the message's client reference
	 * @param callUuid the call, for voice webhooks
	 */
	public record Subject(String channel, @Nullable UUID messageUuid, @Nullable String clientRef,
			@Nullable String callUuid) {

		public static Subject message(String channel, UUID messageUuid, @Nullable String clientRef) {
			return new Subject(channel, messageUuid, clientRef, null);
		}

		public static Subject call(String callUuid) {
			return new Subject("voice", null, null, callUuid);
		}

	}

	/**
	 * Journal query; {@code null} fields match everything.
	 *
	 * @param clientRef only entries of this client reference
	 * @param callUuid only entries of this call
	 * @param to only entries with this recipient
	 * @param kind only entries of this kind
	 */
	public record Filter(@Nullable String clientRef, @Nullable String callUuid, @Nullable String to,
			@Nullable Kind kind) {

		public static final Filter ALL = new Filter(null, null, null, null);

	}

	public enum Kind {

		@JsonProperty("request")
		REQUEST,

		@JsonProperty("webhook")
		WEBHOOK,

		@JsonProperty("webhook_skipped")
		WEBHOOK_SKIPPED,

		@JsonProperty("voicemail")
		VOICEMAIL,

		@JsonProperty("talk")
		TALK;

		static @Nullable Kind parse(@Nullable String value) {
			if (value == null) {
				return null;
			}
			for (Kind kind : values()) {
				if (kind.name().equalsIgnoreCase(value)) {
					return kind;
				}
			}
			throw new IllegalArgumentException("kind must be request, webhook, webhook_skipped, voicemail or talk");
		}

	}

}
