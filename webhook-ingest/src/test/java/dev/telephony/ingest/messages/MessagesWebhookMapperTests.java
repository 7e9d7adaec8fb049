package dev.telephony.ingest.messages;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import dev.telephony.schemas.Event;
import dev.telephony.schemas.InboundMessage;
import dev.telephony.schemas.MessageStatusChanged;
import dev.telephony.schemas.ProviderEventUnclassified;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesWebhookMapperTests {

	private static final Instant RECEIVED = Instant.parse("2026-11-23T10:15:31.500Z");

	private static final UUID COMMAND_ID = UUID.fromString("019a5f3e-7c41-7b2a-9d1e-3f5a2b8c4d10");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void statusWebhookBecomesMessageStatusChanged() {
		String body = """
				{"message_uuid":"aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab","to":"447911123456","from":"14155550100",
				 "timestamp":"2026-11-23T10:15:31.123Z","status":"rejected","channel":"sms",
				 "client_ref":"%s","error":{"type":"https://developer.vonage.com/api-errors/messages#1170",
				 "title":"1170","detail":"Invalid or missing recipient"},
				 "usage":{"currency":"EUR","price":"0.0333"}}""".formatted(COMMAND_ID);
		Event event = MessagesWebhookMapper.status(tree(body), body, null, RECEIVED);

		assertThat(event).isInstanceOfSatisfying(MessageStatusChanged.class, (status) -> {
			assertThat(status.commandId()).isEqualTo(COMMAND_ID);
			assertThat(status.status()).isEqualTo("rejected");
			assertThat(status.errorCode()).isEqualTo("1170");
			assertThat(status.errorDetail()).isEqualTo("Invalid or missing recipient");
			assertThat(status.price()).isEqualTo(new BigDecimal("0.0333"));
			assertThat(status.occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:15:31.123Z"));
			assertThat(status.receivedAt()).isEqualTo(RECEIVED);
		});
	}

	@Test
	void commandIdFromTheWebhookUrlWinsOverClientRef() {
		UUID fromUrl = UUID.randomUUID();
		String body = status("delivered", "client_ref", COMMAND_ID.toString());
		assertThat(MessagesWebhookMapper.status(tree(body), body, fromUrl.toString(), RECEIVED).commandId())
			.isEqualTo(fromUrl);
	}

	@Test
	void foreignClientRefIsNotTakenForACommand() {
		String body = status("delivered", "client_ref", "order-42");
		assertThat(MessagesWebhookMapper.status(tree(body), body, null, RECEIVED).commandId()).isNull();
	}

	@Test
	void redeliveredWebhookGetsTheSameEventIdAndANewStatusADifferentOne() {
		String delivered = status("delivered", "client_ref", "x");
		String submitted = status("submitted", "client_ref", "x");
		Event first = MessagesWebhookMapper.status(tree(delivered), delivered, null, RECEIVED);
		Event again = MessagesWebhookMapper.status(tree(delivered), delivered, null, RECEIVED.plusSeconds(5));
		Event other = MessagesWebhookMapper.status(tree(submitted), submitted, null, RECEIVED);
		assertThat(again.eventId()).isEqualTo(first.eventId());
		assertThat(other.eventId()).isNotEqualTo(first.eventId());
	}

	@Test
	void statusWithoutItsKeysIsKeptWholeAsUnclassified() {
		String body = """
				{"status":"delivered","note":"no message uuid"}""";
		Event event = MessagesWebhookMapper.status(tree(body), body, COMMAND_ID.toString(), RECEIVED);
		assertThat(event).isInstanceOfSatisfying(ProviderEventUnclassified.class, (raw) -> {
			assertThat(raw.rawPayload()).isEqualTo(body);
			assertThat(raw.source()).isEqualTo("messages-status");
			assertThat(raw.commandId()).isEqualTo(COMMAND_ID);
		});
	}

	@Test
	void inboundSmsBecomesInboundMessage() {
		String body = """
				{"channel":"sms","message_uuid":"bbbbbbbb-cccc-4ddd-8eee-0123456789ab","to":"14155550100",
				 "from":"447911123456","timestamp":"2026-11-23T10:17:12Z","message_type":"text",
				 "text":"Yes, see you at 8","sms":{"num_messages":"1"}}""";
		Event event = MessagesWebhookMapper.inbound(tree(body), body, null, RECEIVED);
		assertThat(event).isInstanceOfSatisfying(InboundMessage.class, (inbound) -> {
			assertThat(inbound.from()).isEqualTo("447911123456");
			assertThat(inbound.text()).isEqualTo("Yes, see you at 8");
			assertThat(inbound.commandId()).isNull();
			assertThat(inbound.recordKey()).isEqualTo("447911123456");
		});
	}

	@Test
	void addressesGivenAsObjectsAreRead() {
		String body = """
				{"channel":"whatsapp","message_uuid":"m-1","from":{"type":"whatsapp","number":"447911123456"},
				 "to":{"type":"whatsapp","number":"14155550100"},"text":"hi"}""";
		InboundMessage inbound = (InboundMessage) MessagesWebhookMapper.inbound(tree(body), body, null, RECEIVED);
		assertThat(inbound.from()).isEqualTo("447911123456");
		assertThat(inbound.to()).isEqualTo("14155550100");
	}

	private static String status(String status, String field, String value) {
		return """
				{"message_uuid":"aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab","timestamp":"2026-11-23T10:15:31.123Z",
				 "status":"%s","channel":"sms","%s":"%s"}""".formatted(status, field, value);
	}

	private JsonNode tree(String body) {
		return this.json.readTree(body);
	}

}
