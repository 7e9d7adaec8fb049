package dev.telephony.ingest.messages;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import dev.telephony.schemas.Event;
import dev.telephony.schemas.EventIds;
import dev.telephony.schemas.InboundMessage;
import dev.telephony.schemas.MessageStatusChanged;
import dev.telephony.schemas.ProviderEventUnclassified;
import tools.jackson.databind.JsonNode;

/**
 * Turns Messages API webhooks into events. Anything it cannot place is kept whole as
 * {@link ProviderEventUnclassified}: a webhook is never dropped for its shape.
 */
final class MessagesWebhookMapper {

	static final String STATUS_SOURCE = "messages-status";

	static final String INBOUND_SOURCE = "messages-inbound";

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
				text(error, "detail"), money(text(usage, "price")), text(usage, "currency"));
	}

	static Event inbound(JsonNode body, String rawBody, Instant receivedAt) {
		String messageUuid = text(body, "message_uuid");
		String from = address(body, "from");
		if (messageUuid == null || from == null) {
			return unclassified(INBOUND_SOURCE, rawBody, null, receivedAt);
		}
		return new InboundMessage(EventIds.of(INBOUND_SOURCE, messageUuid), null,
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

	private static UUID uuid(String value) {
		if (value == null) {
			return null;
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			// A client_ref set by someone else's code: not one of our commands.
			return null;
		}
	}

	private static Instant instant(String timestamp, Instant fallback) {
		if (timestamp == null) {
			return fallback;
		}
		try {
			return Instant.parse(timestamp);
		}
		catch (DateTimeParseException ex) {
			return fallback;
		}
	}

	private static BigDecimal money(String amount) {
		if (amount == null) {
			return null;
		}
		try {
			return new BigDecimal(amount);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Numbers are strings for SMS, objects with {@code number} or {@code id} on some
	 * channels.
	 */
	private static String address(JsonNode body, String field) {
		JsonNode node = body.path(field);
		if (node.isObject()) {
			String number = text(node, "number");
			return (number != null) ? number : text(node, "id");
		}
		return text(body, field);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		if (value.isMissingNode() || value.isNull() || value.isContainer()) {
			return null;
		}
		String text = value.asString();
		return text.isBlank() ? null : text;
	}

}
