package dev.telephony.ingest.voice;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.telephony.ingest.publishing.Fields;
import dev.telephony.ingest.publishing.RawWebhook;
import dev.telephony.schemas.ConversationEnded;
import dev.telephony.schemas.EventIds;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * What ingest answers to the input webhook of a conversation call, from the webhook's URL
 * alone (ADR 8): a hold that keeps listening while the model thinks, or, once the hold
 * has lasted the call's idle limit, a goodbye after which the call ends.
 */
final class ConversationHold {

	static final int DEFAULT_IDLE_SECONDS = 120;

	private static final int MIN_IDLE_SECONDS = 5;

	private static final int MAX_IDLE_SECONDS = 3600;

	// Vonage's longest start_timeout: a longer hold is several rounds.
	private static final long MAX_ROUND_SECONDS = 60;

	private final URI eventUrl;

	private final int idleSeconds;

	private final String language;

	private final Instant heldSince;

	private final boolean firstRound;

	private ConversationHold(URI eventUrl, int idleSeconds, String language, Instant heldSince, boolean firstRound) {
		this.eventUrl = eventUrl;
		this.idleSeconds = idleSeconds;
		this.language = language;
		this.heldSince = heldSince;
		this.firstRound = firstRound;
	}

	/**
	 * The hold of this webhook, or null when its URL does not mark a conversation.
	 * @param eventUrl the URL the webhook was sent to, as Vonage called it
	 */
	static ConversationHold of(RawWebhook webhook, URI eventUrl, Instant now) {
		if (!"1".equals(webhook.queryParameter("conv"))) {
			return null;
		}
		Integer idle = Fields.integer(webhook.queryParameter("idle"));
		int idleSeconds = (idle == null) ? DEFAULT_IDLE_SECONDS : Math.clamp(idle, MIN_IDLE_SECONDS, MAX_IDLE_SECONDS);
		Instant held = epochMillis(webhook.queryParameter("held"));
		// A hold that claims to start in the future is a clock or a forgery; it
		// starts now.
		boolean firstRound = held == null || held.isAfter(now);
		return new ConversationHold(eventUrl, idleSeconds, webhook.queryParameter("lang"), firstRound ? now : held,
				firstRound);
	}

	/** When the hold began; null for the turn's own input, which no hold preceded. */
	Instant heldSinceForEvent() {
		return this.firstRound ? null : this.heldSince;
	}

	boolean expiredAt(Instant now) {
		return !this.firstRound && !now.isBefore(this.heldSince.plusSeconds(this.idleSeconds));
	}

	ConversationEnded ended(String callUuid, UUID commandId, String goodbye, Instant now) {
		return new ConversationEnded(
				EventIds.of(VoiceEventMapper.EVENT_SOURCE, callUuid, this.heldSince.toString(), "idle"), commandId, now,
				now, callUuid, ConversationEnded.REASON_IDLE, goodbye, this.heldSince);
	}

	/** The next hold round: listen for speech and keys until the idle limit at most. */
	String holdScript(JsonMapper json, Instant now) {
		long left = Duration.between(now, this.heldSince.plusSeconds(this.idleSeconds)).toSeconds();
		ObjectNode input = json.createObjectNode();
		input.put("action", "input");
		input.putArray("type").add("speech").add("dtmf");
		ObjectNode speech = input.putObject("speech");
		speech.put("startTimeout", Math.clamp(left, 1, MAX_ROUND_SECONDS));
		if (this.language != null) {
			speech.put("language", this.language);
		}
		input.putArray("eventUrl")
			.add(UriComponentsBuilder.fromUri(this.eventUrl)
				.replaceQueryParam("held", this.heldSince.toEpochMilli())
				.build()
				.toUriString());
		input.put("eventMethod", "POST");
		ArrayNode script = json.createArrayNode().add(input);
		return json.writeValueAsString(script);
	}

	/** Speaks the goodbye; nothing follows it, so Vonage ends the call. */
	String goodbyeScript(JsonMapper json, String goodbye) {
		ObjectNode talk = json.createObjectNode();
		talk.put("action", "talk");
		talk.put("text", goodbye);
		if (this.language != null) {
			talk.put("language", this.language);
		}
		return json.writeValueAsString(json.createArrayNode().add(talk));
	}

	private static Instant epochMillis(String value) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.ofEpochMilli(Long.parseLong(value));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
