package dev.telephony.ingest.voice;

import java.time.Instant;
import java.util.UUID;

import dev.telephony.ingest.publishing.WebhookSource;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.EventIds;
import dev.telephony.schemas.InboundCall;
import dev.telephony.schemas.ProviderEventUnclassified;
import tools.jackson.databind.JsonNode;

import static dev.telephony.ingest.publishing.Fields.address;
import static dev.telephony.ingest.publishing.Fields.text;

/** Turns the answer webhook of an inbound call into {@link InboundCall}. */
final class InboundCallMapper {

	static final String ANSWER_SOURCE = WebhookSource.VOICE_ANSWER.tag();

	private InboundCallMapper() {
	}

	static Event map(JsonNode body, String rawPayload, UUID commandId, Instant receivedAt) {
		String callUuid = text(body, "uuid");
		if (callUuid == null) {
			return new ProviderEventUnclassified(EventIds.of(ANSWER_SOURCE, rawPayload), commandId, receivedAt,
					receivedAt, ANSWER_SOURCE, rawPayload);
		}
		// App callers come as from_user, never with from (vonage-api.md §2.1).
		String from = (address(body, "from") != null) ? address(body, "from") : text(body, "from_user");
		// The answer webhook carries no time of its own.
		return new InboundCall(EventIds.of(ANSWER_SOURCE, callUuid), commandId, receivedAt, receivedAt, callUuid,
				text(body, "conversation_uuid"), from, address(body, "to"));
	}

}
