package dev.telephony.ingest.readapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.telephony.schemas.CallInputReceived;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.InboundCall;
import dev.telephony.schemas.InboundMessage;
import dev.telephony.schemas.MessageStatusChanged;
import dev.telephony.schemas.ProviderEventUnclassified;
import dev.telephony.schemas.SpeechResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shapes of the original callback server's read API: each stored event with an
 * {@code id}, a {@code timestamp} and a {@code body} in Vonage's field names (what the
 * original stored and its pollers read), plus our normalised {@code event}.
 */
final class EventViews {

	private EventViews() {
	}

	static Map<String, Object> event(Event event, JsonMapper json) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", event.eventId());
		view.put("timestamp", event.receivedAt().toString());
		view.put("type", event.cloudEventType());
		view.put("body", body(event, json));
		view.put("event", event);
		return view;
	}

	/** {@code GET /event}: input events that recognised speech, with the best result. */
	static Map<String, Object> speech(CallInputReceived input, JsonMapper json) {
		SpeechResult best = input.speechResults().get(0);
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", input.eventId());
		view.put("timestamp", input.receivedAt().toString());
		view.put("conversation_uuid", input.conversationUuid());
		view.put("text", best.text());
		view.put("confidence", (best.confidence() != null) ? best.confidence() : 0);
		view.put("complete_event", event(input, json));
		return view;
	}

	static boolean hasSpeech(Event event) {
		return event instanceof CallInputReceived input && input.speechResults() != null
				&& !input.speechResults().isEmpty();
	}

	private static Object body(Event event, JsonMapper json) {
		Map<String, Object> body = new LinkedHashMap<>();
		switch (event) {
			case CallStatusChanged status -> {
				put(body, "uuid", status.callUuid());
				put(body, "conversation_uuid", status.conversationUuid());
				put(body, "status", status.status());
				put(body, "direction", status.direction());
				put(body, "from", status.from());
				put(body, "to", status.to());
				put(body, "detail", status.detail());
				put(body, "timestamp", status.occurredAt().toString());
			}
			case CallInputReceived input -> {
				put(body, "uuid", input.callUuid());
				put(body, "conversation_uuid", input.conversationUuid());
				put(body, "timestamp", input.occurredAt().toString());
				if (input.speechResults() != null) {
					Map<String, Object> speech = new LinkedHashMap<>();
					speech.put("results",
							input.speechResults()
								.stream()
								.map((result) -> (result.confidence() != null)
										? Map.of("text", result.text(), "confidence", result.confidence())
										: Map.of("text", result.text()))
								.toList());
					put(speech, "timeout_reason", input.speechTimeoutReason());
					put(speech, "error", input.speechError());
					body.put("speech", speech);
				}
				if (input.dtmfDigits() != null || input.dtmfTimedOut() != null) {
					Map<String, Object> dtmf = new LinkedHashMap<>();
					dtmf.put("digits", input.dtmfDigits());
					dtmf.put("timed_out", input.dtmfTimedOut());
					body.put("dtmf", dtmf);
				}
			}
			case MessageStatusChanged status -> {
				put(body, "message_uuid", status.messageUuid());
				put(body, "status", status.status());
				put(body, "channel", status.channel());
				put(body, "to", status.to());
				put(body, "from", status.from());
				put(body, "timestamp", status.occurredAt().toString());
			}
			case InboundMessage inbound -> {
				put(body, "message_uuid", inbound.messageUuid());
				put(body, "channel", inbound.channel());
				put(body, "from", inbound.from());
				put(body, "msisdn", inbound.from());
				put(body, "to", inbound.to());
				put(body, "text", inbound.text());
				put(body, "timestamp", inbound.occurredAt().toString());
			}
			case InboundCall call -> {
				put(body, "uuid", call.callUuid());
				put(body, "conversation_uuid", call.conversationUuid());
				put(body, "from", call.from());
				put(body, "to", call.to());
			}
			case ProviderEventUnclassified raw -> {
				return rawPayload(raw.rawPayload(), json);
			}
			default -> {
				// Outcomes of the dispatcher have no Vonage body; the event says it all.
				return Map.of();
			}
		}
		return body;
	}

	private static Object rawPayload(String rawPayload, JsonMapper json) {
		try {
			return json.readTree(rawPayload);
		}
		catch (JacksonException ex) {
			return Map.of("raw", rawPayload);
		}
	}

	private static void put(Map<String, Object> map, String name, Object value) {
		if (value != null) {
			map.put(name, value);
		}
	}

	static List<Map<String, Object>> events(List<Event> events, JsonMapper json) {
		return events.stream().map((event) -> event(event, json)).toList();
	}

}
