package dev.telephony.schemas;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Readers tolerate what newer writers add, and writers leave out what they do not know.
 */
class EvolutionTests {

	private static final UUID COMMAND_ID = UUID.fromString("019a5f3e-7c41-7b2a-9d1e-3f5a2b8c4d10");

	private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void unknownFieldsAreIgnored() {
		String future = """
				{"type":"send-sms","commandId":"%s","createdAt":"2026-11-23T10:15:30Z",
				 "expiresAt":"2026-11-23T10:16:00Z","to":"447700900123","from":"447700900000",
				 "text":"hi","priority":"high","routing":{"region":"eu"}}""".formatted(COMMAND_ID);
		SendSms sms = (SendSms) this.json.readValue(future, Command.class);
		assertThat(sms.text()).isEqualTo("hi");
		assertThat(sms.requestedBy()).isNull();
	}

	@Test
	void absentOptionalFieldsAreOmitted() {
		PlaceCall call = new PlaceCall(COMMAND_ID, NOW, NOW.plusSeconds(30), null, "14155550123", "447700900000",
				"Hello", null, null, null, null, null);
		JsonNode written = this.json.valueToTree(call);
		assertThat(written.propertyNames()).containsExactlyInAnyOrder("type", "commandId", "createdAt", "expiresAt",
				"to", "from", "text");
	}

	@Test
	void absentOptionalFieldsReadBackAsNull() {
		String minimal = """
				{"type":"command-accepted","eventId":"e1","commandId":"%s",
				 "occurredAt":"2026-11-23T10:15:30Z","receivedAt":"2026-11-23T10:15:30Z"}""".formatted(COMMAND_ID);
		CommandAccepted accepted = (CommandAccepted) this.json.readValue(minimal, Event.class);
		assertThat(accepted.messageUuid()).isNull();
		assertThat(accepted.callUuid()).isNull();
	}

	@Test
	void unknownTypeIsRejected() {
		String unknown = """
				{"type":"send-fax","commandId":"%s"}""".formatted(COMMAND_ID);
		assertThatExceptionOfType(DatabindException.class).isThrownBy(() -> this.json.readValue(unknown, Command.class))
			.withMessageContaining("send-fax");
	}

	@Test
	void missingRequiredFieldIsRejectedWithItsName() {
		String noText = """
				{"type":"send-sms","commandId":"%s","createdAt":"2026-11-23T10:15:30Z",
				 "expiresAt":"2026-11-23T10:16:00Z","to":"447700900123","from":"447700900000"}""".formatted(COMMAND_ID);
		assertThatExceptionOfType(DatabindException.class).isThrownBy(() -> this.json.readValue(noText, Command.class))
			.withMessageContaining("text is required");
	}

	@Test
	void noJavaClassNameAppearsOnTheWire() {
		SendSms sms = new SendSms(COMMAND_ID, NOW, NOW.plusSeconds(30), "client", "447700900123", "447700900000", "hi");
		assertThat(this.json.writeValueAsString(sms)).contains("\"type\":\"send-sms\"").doesNotContain("dev.telephony");
	}

}
