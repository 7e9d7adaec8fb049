package dev.telephony.ingest.voice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.telephony.ingest.publishing.WebhookSource;
import dev.telephony.schemas.CallInputReceived;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.EventIds;
import dev.telephony.schemas.ProviderEventUnclassified;
import dev.telephony.schemas.SpeechResult;
import tools.jackson.databind.JsonNode;

import static dev.telephony.ingest.publishing.Fields.address;
import static dev.telephony.ingest.publishing.Fields.bool;
import static dev.telephony.ingest.publishing.Fields.decimal;
import static dev.telephony.ingest.publishing.Fields.instant;
import static dev.telephony.ingest.publishing.Fields.integer;
import static dev.telephony.ingest.publishing.Fields.number;
import static dev.telephony.ingest.publishing.Fields.text;

/**
 * Turns Voice API event webhooks into events. They all arrive at one URL and only some
 * carry a {@code status}, so they are told apart by their fields, as Vonage's .NET SDK
 * does (vonage-api.md §2.2). Record, transfer, notify and error events, and anything new,
 * are kept whole as {@link ProviderEventUnclassified}.
 */
final class VoiceEventMapper {

	static final String EVENT_SOURCE = WebhookSource.VOICE_EVENT.tag();

	/** The call statuses of vonage-api.md §2.2; another status is not guessed at. */
	private static final Set<String> CALL_STATUSES = Set.of("started", "ringing", "answered", "human", "machine",
			"completed", "busy", "cancelled", "unanswered", "timeout", "rejected", "failed", "disconnected");

	private VoiceEventMapper() {
	}

	/**
	 * @param rawPayload the body as received, or for a GET the JSON of its parameters
	 * @param commandId the {@code cid} of the webhook URL, or null
	 * @param heldSince when the conversation hold that took this input began, or null
	 */
	static Event map(JsonNode body, String rawPayload, UUID commandId, Instant receivedAt, Instant heldSince) {
		String status = text(body, "status");
		if (isInput(body, status)) {
			return input(body, rawPayload, commandId, receivedAt, heldSince);
		}
		if (status != null && CALL_STATUSES.contains(status)) {
			return status(body, status, rawPayload, commandId, receivedAt);
		}
		return unclassified(rawPayload, commandId, receivedAt);
	}

	/** Input results have no status (the docs) or, if that changes, status "input". */
	private static boolean isInput(JsonNode body, String status) {
		boolean hasResults = body.path("speech").isObject() || body.path("dtmf").isObject();
		return hasResults && (status == null || status.equals("input"));
	}

	private static Event status(JsonNode body, String status, String rawPayload, UUID commandId, Instant receivedAt) {
		// human and machine events name the leg call_uuid instead of uuid.
		String callUuid = (text(body, "uuid") != null) ? text(body, "uuid") : text(body, "call_uuid");
		if (callUuid == null) {
			return unclassified(rawPayload, commandId, receivedAt);
		}
		String timestamp = text(body, "timestamp");
		String subState = text(body, "sub_state");
		// The beep is a second machine event, which may share the first one's timestamp.
		String eventId = (subState != null) ? EventIds.of(EVENT_SOURCE, callUuid, status, subState, timestamp)
				: EventIds.of(EVENT_SOURCE, callUuid, status, timestamp);
		return new CallStatusChanged(eventId, commandId, instant(timestamp, receivedAt), receivedAt, callUuid,
				text(body, "conversation_uuid"), status, text(body, "detail"), integer(text(body, "sip_code")),
				text(body, "direction"), address(body, "from"), address(body, "to"), integer(text(body, "duration")),
				decimal(text(body, "rate")), decimal(text(body, "price")), text(body, "network"),
				instant(text(body, "start_time")), instant(text(body, "end_time")), text(body, "disconnected_by"),
				subState);
	}

	private static Event input(JsonNode body, String rawPayload, UUID commandId, Instant receivedAt,
			Instant heldSince) {
		String callUuid = text(body, "uuid");
		if (callUuid == null) {
			return unclassified(rawPayload, commandId, receivedAt);
		}
		String timestamp = text(body, "timestamp");
		JsonNode speech = body.path("speech");
		JsonNode dtmf = body.path("dtmf");
		return new CallInputReceived(EventIds.of(EVENT_SOURCE, callUuid, timestamp, "input"), commandId,
				instant(timestamp, receivedAt), receivedAt, callUuid, text(body, "conversation_uuid"),
				speechResults(speech), text(speech, "timeout_reason"), text(speech, "error"), text(dtmf, "digits"),
				bool(dtmf, "timed_out"), heldSince);
	}

	/** Null when the event had no speech part; results without text are skipped. */
	private static List<SpeechResult> speechResults(JsonNode speech) {
		JsonNode results = speech.path("results");
		if (!results.isArray()) {
			return null;
		}
		List<SpeechResult> speechResults = new ArrayList<>();
		for (JsonNode result : results) {
			String text = text(result, "text");
			if (text != null) {
				speechResults.add(new SpeechResult(text, number(result.path("confidence"))));
			}
		}
		return speechResults;
	}

	static Event unclassified(String rawPayload, UUID commandId, Instant receivedAt) {
		return new ProviderEventUnclassified(EventIds.of(EVENT_SOURCE, rawPayload), commandId, receivedAt, receivedAt,
				EVENT_SOURCE, rawPayload);
	}

}
