package dev.telephony.ingest.sms;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.telephony.schemas.Event;
import dev.telephony.schemas.InboundMessage;
import dev.telephony.schemas.MessageStatusChanged;
import dev.telephony.schemas.ProviderEventUnclassified;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** SMS API inbound messages and delivery receipts (vonage-api.md §3.3, §3.4). */
class SmsWebhookMapperTests {

	private static final Instant RECEIVED = Instant.parse("2026-11-23T10:17:12.009Z");

	private static final UUID COMMAND_ID = UUID.fromString("019a5f3e-7c41-7b2a-9d1e-3f5a2b8c4d10");

	@Test
	void inboundSmsBecomesInboundMessage() {
		Event event = SmsWebhookMapper.inbound(inbound("0A0000000123ABCD1", "Yes, see you at 8"), "raw", null,
				RECEIVED);
		assertThat(event).isInstanceOfSatisfying(InboundMessage.class, (inbound) -> {
			assertThat(inbound.channel()).isEqualTo("sms");
			assertThat(inbound.messageUuid()).isEqualTo("0A0000000123ABCD1");
			assertThat(inbound.from()).isEqualTo("447700900123");
			assertThat(inbound.to()).isEqualTo("447700900000");
			assertThat(inbound.text()).isEqualTo("Yes, see you at 8");
			assertThat(inbound.occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:17:11Z"));
			assertThat(inbound.recordKey()).isEqualTo("447700900123");
		});
	}

	@Test
	void eachPartOfAConcatenatedMessageIsItsOwnEventOnTheSendersKey() {
		Map<String, String> first = inbound("0A0000000123ABCD1", "Part one, ");
		Map<String, String> second = inbound("0A0000000123ABCD2", "part two");
		for (Map<String, String> part : new Map[] { first, second }) {
			part.put("concat", "true");
			part.put("concat-ref", "108");
			part.put("concat-total", "2");
		}
		first.put("concat-part", "1");
		second.put("concat-part", "2");
		Event one = SmsWebhookMapper.inbound(first, "raw1", null, RECEIVED);
		Event two = SmsWebhookMapper.inbound(second, "raw2", null, RECEIVED);
		assertThat(one.eventId()).isNotEqualTo(two.eventId());
		assertThat(one.recordKey()).isEqualTo(two.recordKey()).isEqualTo("447700900123");
		assertThat(SmsWebhookMapper.inbound(first, "raw1", null, RECEIVED.plusSeconds(9)).eventId())
			.isEqualTo(one.eventId());
	}

	@Test
	void inboundWithoutItsKeysIsKeptWhole() {
		Map<String, String> parameters = inbound(null, "hi");
		parameters.remove("messageId");
		assertThat(SmsWebhookMapper.inbound(parameters, "{\"msisdn\":\"1\"}", null, RECEIVED)).isInstanceOfSatisfying(
				ProviderEventUnclassified.class, (raw) -> assertThat(raw.source()).isEqualTo("sms-inbound"));
	}

	@Test
	void deliveryReceiptBecomesMessageStatusChanged() {
		Event event = SmsWebhookMapper.deliveryReceipt(receipt("delivered", "0", COMMAND_ID.toString()), "raw", null,
				RECEIVED);
		assertThat(event).isInstanceOfSatisfying(MessageStatusChanged.class, (status) -> {
			assertThat(status.messageUuid()).isEqualTo("0A0000000123ABCD1");
			assertThat(status.status()).isEqualTo("delivered");
			assertThat(status.errorCode()).isEqualTo("0");
			assertThat(status.commandId()).isEqualTo(COMMAND_ID);
			assertThat(status.to()).isEqualTo("447700900123");
			assertThat(status.from()).isEqualTo("447700900000");
			assertThat(status.price()).isEqualTo(new BigDecimal("0.03330000"));
			assertThat(status.channel()).isEqualTo("sms");
			assertThat(status.occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:17:10Z"));
		});
	}

	@ParameterizedTest
	@CsvSource({ "accepted, submitted", "buffered, submitted", "delivered, delivered", "expired, undeliverable",
			"failed, undeliverable", "rejected, rejected", "unknown, unknown" })
	void receiptStatusesAreSaidInTheMessagesApiWords(String dlrStatus, String status) {
		MessageStatusChanged changed = (MessageStatusChanged) SmsWebhookMapper
			.deliveryReceipt(receipt(dlrStatus, "1", null), "raw", null, RECEIVED);
		assertThat(changed.status()).isEqualTo(status);
	}

	@Test
	void commandIdFromTheUrlWinsAndAForeignClientRefIsIgnored() {
		UUID fromUrl = UUID.randomUUID();
		assertThat(SmsWebhookMapper
			.deliveryReceipt(receipt("delivered", "0", COMMAND_ID.toString()), "raw", fromUrl, RECEIVED)
			.commandId()).isEqualTo(fromUrl);
		assertThat(SmsWebhookMapper.deliveryReceipt(receipt("delivered", "0", "order-42"), "raw", null, RECEIVED)
			.commandId()).isNull();
	}

	@Test
	void receiptIdsFollowMessageStatusErrorAndCarrierTime() {
		Event delivered = SmsWebhookMapper.deliveryReceipt(receipt("delivered", "0", null), "raw", null, RECEIVED);
		Event again = SmsWebhookMapper.deliveryReceipt(receipt("delivered", "0", null), "raw", null,
				RECEIVED.plusSeconds(60));
		Event failed = SmsWebhookMapper.deliveryReceipt(receipt("failed", "0", null), "raw", null, RECEIVED);
		Event otherError = SmsWebhookMapper.deliveryReceipt(receipt("delivered", "1", null), "raw", null, RECEIVED);
		Map<String, String> later = receipt("delivered", "0", null);
		later.put("scts", "2611231018");
		Event otherTime = SmsWebhookMapper.deliveryReceipt(later, "raw", null, RECEIVED);
		assertThat(again.eventId()).isEqualTo(delivered.eventId());
		assertThat(failed.eventId()).isNotEqualTo(delivered.eventId());
		assertThat(otherError.eventId()).isNotEqualTo(delivered.eventId());
		assertThat(otherTime.eventId()).isNotEqualTo(delivered.eventId());
	}

	@Test
	void carrierTimeIsTheFallbackTime() {
		Map<String, String> parameters = receipt("delivered", "0", null);
		parameters.remove("message-timestamp");
		assertThat(SmsWebhookMapper.deliveryReceipt(parameters, "raw", null, RECEIVED).occurredAt())
			.isEqualTo(Instant.parse("2026-11-23T10:17:00Z"));
	}

	private static Map<String, String> inbound(String messageId, String text) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("msisdn", "447700900123");
		parameters.put("to", "447700900000");
		parameters.put("messageId", messageId);
		parameters.put("text", text);
		parameters.put("type", "text");
		parameters.put("keyword", "YES");
		parameters.put("api-key", "abcd1234");
		parameters.put("message-timestamp", "2026-11-23 10:17:11");
		return parameters;
	}

	private static Map<String, String> receipt(String status, String errorCode, String clientRef) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("msisdn", "447700900123");
		parameters.put("to", "447700900000");
		parameters.put("network-code", "23410");
		parameters.put("messageId", "0A0000000123ABCD1");
		parameters.put("price", "0.03330000");
		parameters.put("status", status);
		parameters.put("scts", "2611231017");
		parameters.put("err-code", errorCode);
		parameters.put("api-key", "abcd1234");
		if (clientRef != null) {
			parameters.put("client-ref", clientRef);
		}
		parameters.put("message-timestamp", "2026-11-23 10:17:10");
		return parameters;
	}

}
