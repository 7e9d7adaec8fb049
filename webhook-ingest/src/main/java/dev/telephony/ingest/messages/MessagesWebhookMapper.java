package dev.telephony.ingest.messages;

import java.time.Instant;
import java.util.UUID;

import dev.telephony.ingest.publishing.WebhookSource;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.EventIds;
import dev.telephony.schemas.InboundMessage;
import dev.telephony.schemas.MessageStatusChanged;
import dev.telephony.schemas.ProviderEventUnclassified;
import tools.jackson.databind.JsonNode;

import static dev.telephony.ingest.publishing.Fields.address;
import static dev.telephony.ingest.publishing.Fields.decimal;
import static dev.telephony.ingest.publishing.Fields.instant;
import static dev.telephony.ingest.publishing.Fields.text;
import static dev.telephony.ingest.publishing.Fields.uuid;

/**
 * Turns Messages API webhooks into events. Anything it cannot place is kept whole as
 * {@link ProviderEventUnclassified}: a webhook is never dropped for its shape.
 */
final class MessagesWebhookMapper {

	static final String STATUS_SOURCE = WebhookSource.MESSAGES_STATUS.tag();

	static final String INBOUND_SOURCE = WebhookSource.MESSAGES_INBOUND.tag();

	private MessagesWebhookMapper() {
	}

	/**
	 * @param commandId the {@code cid} query parameter the dispatcher put in the webhook
	 * URL, or null; {@code client_ref} is the fallback
	 */
	static Event status(JsonNode body, String rawBody, String commandId, Instant receivedAt) {
		String messageUuid = text(body, "message_uuid");
		String status = text(body, "status");
		if (messageUuid == null || status == null) {
			return unclassified(STATUS_SOURCE, rawBody, commandId(commandId, body), receivedAt);
		}
		String timestamp = text(body, "timestamp");
		JsonNode error = body.path("error");
		JsonNode usage = body.path("usage");
		return new MessageStatusChanged(EventIds.of(STATUS_SOURCE, messageUuid, status, timestamp),
				commandId(commandId, body), instant(timestamp, receivedAt), receivedAt, messageUuid,
				text(body, "channel"), status, address(body, "to"), address(body, "from"), text(error, "title"),
				text(error, "detail"), decimal(text(usage, "price")), text(usage, "currency"));
	}

	static Event inbound(JsonNode body, String rawBody, String commandId, Instant receivedAt) {
		String messageUuid = text(body, "message_uuid");
		String from = address(body, "from");
		if (messageUuid == null || from == null) {
			return unclassified(INBOUND_SOURCE, rawBody, uuid(commandId), receivedAt);
		}
		return new InboundMessage(EventIds.of(INBOUND_SOURCE, messageUuid), uuid(commandId),
				instant(text(body, "timestamp"), receivedAt), receivedAt, messageUuid, text(body, "channel"), from,
				address(body, "to"), text(body, "text"));
	}

	static Event unclassified(String source, String rawBody, UUID commandId, Instant receivedAt) {
		return new ProviderEventUnclassified(EventIds.of(source, rawBody), commandId, receivedAt, receivedAt, source,
				rawBody);
	}

	private static UUID commandId(String fromUrl, JsonNode body) {
		UUID commandId = uuid(fromUrl);
		return (commandId != null) ? commandId : uuid(text(body, "client_ref"));
	}

}
