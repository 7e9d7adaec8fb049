package dev.telephony.schemas;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ContractsTests {

	private static final UUID COMMAND_ID = UUID.fromString("019a5f3e-7c41-7b2a-9d1e-3f5a2b8c4d10");

	private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

	@Test
	void destinationMustBeE164Digits() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SendSms(COMMAND_ID, NOW, NOW, null, "+447700900123", "447700900000", "hi"))
			.withMessageContaining("E.164");
	}

	@Test
	void blankTextIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SendSms(COMMAND_ID, NOW, NOW, null, "447700900123", "447700900000", "  "))
			.withMessageContaining("text must not be blank");
	}

	@Test
	void inputMustListenForSomething() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PlaceCall.Input(false, null, null, null, null, null, null, null, null, null));
	}

	@Test
	void conversationMustListenAndBoundItsIdleHold() {
		PlaceCall.Input speech = new PlaceCall.Input(true, null, null, null, null, null, null, null, null, null);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PlaceCall(COMMAND_ID, NOW, NOW, null, "447700900123", "447700900000", "hi", null,
					null, null, null, null, new PlaceCall.Conversation(120), null))
			.withMessageContaining("input is required");
		assertThatIllegalArgumentException().isThrownBy(() -> new PlaceCall.Conversation(4))
			.withMessageContaining("idleSeconds");
		assertThat(new PlaceCall(COMMAND_ID, NOW, NOW, null, "447700900123", "447700900000", "hi", null, null, speech,
				null, null, new PlaceCall.Conversation(5), null)
			.conversation()
			.idleSeconds()).isEqualTo(5);
	}

	@Test
	void answeringMachineChoiceIsNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PlaceCall(COMMAND_ID, NOW, NOW, null, "447700900123", "447700900000", "hi", null,
					null, null, null, null, null, "beep"))
			.withMessageContaining("voicemail or hangup");
	}

	@Test
	void turnsAndHangupsWithoutDestinationAreKeyedByCall() {
		PlaceCall.Input speech = new PlaceCall.Input(true, null, null, null, null, null, null, null, null, null);
		ContinueCall turn = new ContinueCall(COMMAND_ID, NOW, NOW, null, null, null, "call-1", "And the name?", null,
				speech, new PlaceCall.Conversation(120), null);
		assertThat(turn.recordKey()).isEqualTo("call-1");
		assertThat(turn.cloudEventType()).isEqualTo("telephony.command.continue-call.v1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HangupCall(COMMAND_ID, NOW, NOW, null, null, null, "call-1", " ", null))
			.withMessageContaining("goodbye");
	}

	@Test
	void commandIsExpiredFromItsDeadlineOn() {
		SendSms sms = new SendSms(COMMAND_ID, NOW, NOW.plusSeconds(30), null, "447700900123", "447700900000", "hi");
		assertThat(sms.isExpiredAt(NOW.plusSeconds(29))).isFalse();
		assertThat(sms.isExpiredAt(NOW.plusSeconds(30))).isTrue();
	}

	@Test
	void commandsAreKeyedByDestinationAndHangupsWithoutOneByCall() {
		SendSms sms = new SendSms(COMMAND_ID, NOW, NOW, null, "447700900123", "447700900000", "hi");
		HangupCall hangup = new HangupCall(COMMAND_ID, NOW, NOW, null, null, null, "call-1");
		assertThat(sms.recordKey()).isEqualTo("447700900123");
		assertThat(hangup.recordKey()).isEqualTo("call-1");
	}

	@Test
	void eventsAreKeyedByCommandWhenKnownElseByProviderIdOrSender() {
		MessageStatusChanged correlated = new MessageStatusChanged("e1", COMMAND_ID, NOW, NOW, "m1", "sms", "delivered",
				null, null, null, null, null, null);
		MessageStatusChanged orphan = new MessageStatusChanged("e2", null, NOW, NOW, "m1", "sms", "delivered", null,
				null, null, null, null, null);
		InboundMessage inbound = new InboundMessage("e3", null, NOW, NOW, "m2", "sms", "447700900123", "447700900000",
				"yes");
		assertThat(correlated.recordKey()).isEqualTo(COMMAND_ID.toString());
		assertThat(orphan.recordKey()).isEqualTo("m1");
		assertThat(inbound.recordKey()).isEqualTo("447700900123");
	}

	@Test
	void eventIdsAreDeterministicAndSeparateTheirKeys() {
		assertThat(EventIds.of("message-status", "m1", "delivered", "t1"))
			.isEqualTo(EventIds.of("message-status", "m1", "delivered", "t1"));
		assertThat(EventIds.of("k", "a|b", "c")).isNotEqualTo(EventIds.of("k", "a", "b|c"));
		assertThat(EventIds.of("k", "a", null)).isNotEqualTo(EventIds.of("k", "a"));
	}

	@Test
	void cloudEventAttributesNameTheRecord() {
		assertThat(CloudEventHeaders.attributes("id-1", "telephony.command.send-sms.v1", "/mcp-gateway", NOW))
			.containsEntry("ce_id", "id-1")
			.containsEntry("ce_type", "telephony.command.send-sms.v1")
			.containsEntry("ce_source", "/mcp-gateway")
			.containsEntry("ce_time", "2026-11-23T10:15:30Z")
			.containsEntry("ce_specversion", "1.0")
			.containsEntry("content-type", "application/json");
	}

}
