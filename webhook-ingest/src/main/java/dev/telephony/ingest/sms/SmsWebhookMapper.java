package dev.telephony.ingest.sms;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.telephony.ingest.publishing.Fields;
import dev.telephony.ingest.publishing.WebhookSource;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.EventIds;
import dev.telephony.schemas.InboundMessage;
import dev.telephony.schemas.MessageStatusChanged;
import dev.telephony.schemas.ProviderEventUnclassified;

/**
 * Turns SMS API webhooks (vonage-api.md §3.3, §3.4) into the same events as their
 * Messages API counterparts, so that readers need not care which API the account uses.
 */
final class SmsWebhookMapper {

	static final String INBOUND_SOURCE = WebhookSource.SMS_INBOUND.tag();

	static final String RECEIPT_SOURCE = WebhookSource.SMS_DELIVERY_RECEIPT.tag();

	private static final DateTimeFormatter SCTS = DateTimeFormatter.ofPattern("yyMMddHHmm");

	private SmsWebhookMapper() {
	}

	/**
	 * Each part of a concatenated message arrives alone with its own {@code messageId},
	 * and is published alone: its id and key (the sender) depend only on the part, so a
	 * redelivered part collides with itself and every part lands on the sender's
	 * partition, in order.
	 */
	static Event inbound(Map<String, String> parameters, String rawPayload, UUID commandId, Instant receivedAt) {
		String messageId = value(parameters, "messageId");
		String from = value(parameters, "msisdn");
		if (messageId == null || from == null) {
			return unclassified(INBOUND_SOURCE, rawPayload, commandId, receivedAt);
		}
		return new InboundMessage(EventIds.of(INBOUND_SOURCE, messageId), commandId,
				Fields.instant(value(parameters, "message-timestamp"), receivedAt), receivedAt, messageId, "sms", from,
				value(parameters, "to"), value(parameters, "text"));
	}

	/**
	 * @param commandId the {@code cid} of the webhook URL, or null; {@code client-ref} is
	 * the fallback
	 */
	static Event deliveryReceipt(Map<String, String> parameters, String rawPayload, UUID commandId,
			Instant receivedAt) {
		UUID command = (commandId != null) ? commandId : Fields.uuid(value(parameters, "client-ref"));
		String messageId = value(parameters, "messageId");
		String status = value(parameters, "status");
		if (messageId == null || status == null) {
			return unclassified(RECEIPT_SOURCE, rawPayload, command, receivedAt);
		}
		String errorCode = value(parameters, "err-code");
		String scts = value(parameters, "scts");
		Instant occurredAt = Fields.instant(value(parameters, "message-timestamp"));
		return new MessageStatusChanged(EventIds.of(RECEIPT_SOURCE, messageId, status, errorCode, scts), command,
				(occurredAt != null) ? occurredAt : carrierTime(scts, receivedAt), receivedAt, messageId, "sms",
				status(status), value(parameters, "msisdn"), value(parameters, "to"), errorCode, null,
				Fields.decimal(value(parameters, "price")), null);
	}

	/**
	 * DLR statuses in the Messages API's words, so that a reader sees one vocabulary:
	 * accepted and buffered are still on their way, expired and failed did not arrive.
	 */
	static String status(String dlrStatus) {
		return switch (dlrStatus.toLowerCase(Locale.ROOT)) {
			case "accepted", "buffered" -> "submitted";
			case "expired", "failed" -> "undeliverable";
			default -> dlrStatus.toLowerCase(Locale.ROOT);
		};
	}

	private static Instant carrierTime(String scts, Instant fallback) {
		if (scts == null) {
			return fallback;
		}
		try {
			return LocalDateTime.parse(scts, SCTS).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return fallback;
		}
	}

	private static Event unclassified(String source, String rawPayload, UUID commandId, Instant receivedAt) {
		return new ProviderEventUnclassified(EventIds.of(source, rawPayload), commandId, receivedAt, receivedAt, source,
				rawPayload);
	}

	private static String value(Map<String, String> parameters, String name) {
		String value = parameters.get(name);
		return (value == null || value.isBlank()) ? null : value;
	}

}
