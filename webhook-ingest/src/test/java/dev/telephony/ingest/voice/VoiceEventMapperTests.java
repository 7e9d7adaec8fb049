package dev.telephony.ingest.voice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import dev.telephony.schemas.CallInputReceived;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.InboundCall;
import dev.telephony.schemas.ProviderEventUnclassified;
import dev.telephony.schemas.SpeechResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Voice webhook shape of vonage-api.md §2 lands on the right event. */
class VoiceEventMapperTests {

	private static final Instant RECEIVED = Instant.parse("2026-11-23T10:16:05.031Z");

	private static final UUID COMMAND_ID = UUID.fromString("019a5f3e-7c41-7b2a-9d1e-3f5a2b8c4d11");

	private static final String CALL = "63f61863-4a51-4f6b-86e1-46edebcf9356";

	private final JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { "started", "ringing", "answered", "busy", "cancelled", "unanswered", "timeout", "rejected",
			"failed", "disconnected", "completed" })
	void callStatusesBecomeCallStatusChanged(String status) {
		String body = """
				{"from":"447700900000","to":"14155550123","uuid":"%s","conversation_uuid":"CON-1",
				 "status":"%s","direction":"outbound","timestamp":"2026-11-23T10:16:05.000Z"}""".formatted(CALL,
				status);
		assertThat(map(body)).isInstanceOfSatisfying(CallStatusChanged.class, (changed) -> {
			assertThat(changed.status()).isEqualTo(status);
			assertThat(changed.callUuid()).isEqualTo(CALL);
			assertThat(changed.commandId()).isEqualTo(COMMAND_ID);
			assertThat(changed.recordKey()).isEqualTo(COMMAND_ID.toString());
			assertThat(changed.occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:16:05Z"));
			assertThat(changed.direction()).isEqualTo("outbound");
		});
	}

	@Test
	void completedCarriesItsCostsAndTimes() {
		String body = """
				{"from":"447700900000","to":"14155550123","uuid":"%s","conversation_uuid":"CON-1",
				 "status":"completed","direction":"outbound","timestamp":"2026-11-23T10:16:05.000Z",
				 "start_time":"2026-11-23T10:15:44.000Z","end_time":"2026-11-23T10:16:05.000Z","duration":"21",
				 "rate":"0.02400000","price":"0.00840000","network":"310260","disconnected_by":"platform",
				 "sip_code":200}""".formatted(CALL);
		assertThat(map(body)).isInstanceOfSatisfying(CallStatusChanged.class, (completed) -> {
			assertThat(completed.durationSeconds()).isEqualTo(21);
			assertThat(completed.rate()).isEqualTo(new BigDecimal("0.02400000"));
			assertThat(completed.price()).isEqualTo(new BigDecimal("0.00840000"));
			assertThat(completed.network()).isEqualTo("310260");
			assertThat(completed.startTime()).isEqualTo(Instant.parse("2026-11-23T10:15:44Z"));
			assertThat(completed.endTime()).isEqualTo(Instant.parse("2026-11-23T10:16:05Z"));
			assertThat(completed.disconnectedBy()).isEqualTo("platform");
			assertThat(completed.sipCode()).isEqualTo(200);
			assertThat(completed.from()).isEqualTo("447700900000");
			assertThat(completed.to()).isEqualTo("14155550123");
		});
	}

	@Test
	void failureCarriesDetailAndSipCodeGivenAsText() {
		String body = """
				{"uuid":"%s","status":"rejected","detail":"invalid_number","sip_code":"603",
				 "timestamp":"2026-11-23T10:16:05.000Z"}""".formatted(CALL);
		assertThat(map(body)).isInstanceOfSatisfying(CallStatusChanged.class, (rejected) -> {
			assertThat(rejected.detail()).isEqualTo("invalid_number");
			assertThat(rejected.sipCode()).isEqualTo(603);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "human", "machine" })
	void machineDetectionNamesTheCallWithCallUuid(String status) {
		String body = """
				{"call_uuid":"%s","conversation_uuid":"CON-1","status":"%s","sub_state":"beep_start",
				 "timestamp":"2026-11-23T10:16:05.000Z"}""".formatted(CALL, status);
		assertThat(map(body)).isInstanceOfSatisfying(CallStatusChanged.class, (detected) -> {
			assertThat(detected.callUuid()).isEqualTo(CALL);
			assertThat(detected.status()).isEqualTo(status);
			assertThat(detected.subState()).isEqualTo("beep_start");
		});
	}

	@Test
	void theBeepIsAnEventOfItsOwnEvenAtTheSameInstantAsTheMachine() {
		String machine = """
				{"call_uuid":"%s","status":"machine","timestamp":"2026-11-23T10:16:05.000Z"}""".formatted(CALL);
		String beep = """
				{"call_uuid":"%s","status":"machine","sub_state":"beep_start",
				 "timestamp":"2026-11-23T10:16:05.000Z"}""".formatted(CALL);

		assertThat(map(beep).eventId()).isNotEqualTo(map(machine).eventId());
		assertThat(map(beep).eventId()).isEqualTo(map(beep).eventId());
	}

	@Test
	void speechInputBecomesCallInputReceivedWithNumericConfidence() {
		String body = """
				{"from":"447700900000","to":"14155550123","uuid":"%s","conversation_uuid":"CON-1",
				 "timestamp":"2026-11-23T10:15:58.000Z","dtmf":{"digits":null,"timed_out":false},
				 "speech":{"timeout_reason":"end_on_silence_timeout","results":[
				   {"confidence":"0.93","text":"yes Tuesday works"},{"confidence":0.41,"text":"yes to stay works"}]}}"""
			.formatted(CALL);
		assertThat(map(body)).isInstanceOfSatisfying(CallInputReceived.class, (input) -> {
			assertThat(input.speechResults()).containsExactly(new SpeechResult("yes Tuesday works", 0.93),
					new SpeechResult("yes to stay works", 0.41));
			assertThat(input.speechTimeoutReason()).isEqualTo("end_on_silence_timeout");
			assertThat(input.dtmfDigits()).isNull();
			assertThat(input.dtmfTimedOut()).isFalse();
			assertThat(input.commandId()).isEqualTo(COMMAND_ID);
			assertThat(input.occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:15:58Z"));
		});
	}

	@Test
	void speechErrorIsKept() {
		String body = """
				{"uuid":"%s","timestamp":"2026-11-23T10:15:58.000Z",
				 "speech":{"results":[],"error":"ERR1: Failed to analyze audio"}}""".formatted(CALL);
		assertThat(map(body)).isInstanceOfSatisfying(CallInputReceived.class, (input) -> {
			assertThat(input.speechError()).isEqualTo("ERR1: Failed to analyze audio");
			assertThat(input.speechResults()).isEmpty();
		});
	}

	@Test
	void dtmfInputBecomesCallInputReceived() {
		String body = """
				{"uuid":"%s","conversation_uuid":"CON-1","timestamp":"2026-11-23T10:15:58.000Z",
				 "dtmf":{"digits":"1","timed_out":true},"speech":{"results":[]}}""".formatted(CALL);
		assertThat(map(body)).isInstanceOfSatisfying(CallInputReceived.class, (input) -> {
			assertThat(input.dtmfDigits()).isEqualTo("1");
			assertThat(input.dtmfTimedOut()).isTrue();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"""
					{"start_time":"2026-11-23T10:15:44Z","end_time":"2026-11-23T10:16:05Z","recording_url":"https://api.nexmo.com/v1/files/r-1","size":12222,"recording_uuid":"r-1","conversation_uuid":"CON-1","timestamp":"2026-11-23T10:16:05Z"}""",
			"""
					{"conversation_uuid_from":"CON-1","conversation_uuid_to":"CON-2","uuid":"u-1","timestamp":"2026-11-23T10:16:05Z"}""",
			"""
					{"conversation_uuid":"CON-1","payload":{"step":"after-greeting"},"timestamp":"2026-11-23T10:16:05Z"}""",
			"""
					{"reason":"Syntax error in NCCO. Invalid value type or action.","conversation_uuid":"CON-1","timestamp":"2026-11-23T10:16:05Z"}""",
			"""
					{"uuid":"u-1","status":"teleported","timestamp":"2026-11-23T10:16:05Z"}""", """
					{"status":"answered","timestamp":"2026-11-23T10:16:05Z"}""" })
	void recordTransferNotifyErrorAndUnknownShapesAreKeptWhole(String body) {
		assertThat(map(body)).isInstanceOfSatisfying(ProviderEventUnclassified.class, (raw) -> {
			assertThat(raw.source()).isEqualTo("voice-event");
			assertThat(raw.rawPayload()).isEqualTo(body);
			assertThat(raw.commandId()).isEqualTo(COMMAND_ID);
		});
	}

	@Test
	void redeliveredEventGetsTheSameIdAndTheNextStatusAnother() {
		String answered = """
				{"uuid":"%s","status":"answered","timestamp":"2026-11-23T10:15:44.000Z"}""".formatted(CALL);
		String completed = answered.replace("answered", "completed");
		Event first = map(answered);
		Event again = VoiceEventMapper.map(this.json.readTree(answered), answered, COMMAND_ID, RECEIVED.plusSeconds(5),
				null);
		assertThat(again.eventId()).isEqualTo(first.eventId());
		assertThat(map(completed).eventId()).isNotEqualTo(first.eventId());
	}

	@Test
	void inputAndStatusOfOneMomentHaveDifferentIds() {
		String input = """
				{"uuid":"%s","timestamp":"2026-11-23T10:15:58.000Z","dtmf":{"digits":"1","timed_out":false}}"""
			.formatted(CALL);
		String status = """
				{"uuid":"%s","status":"answered","timestamp":"2026-11-23T10:15:58.000Z"}""".formatted(CALL);
		assertThat(map(input).eventId()).isNotEqualTo(map(status).eventId());
	}

	@Test
	void answerWebhookBecomesInboundCall() {
		String body = """
				{"to":"447700900000","from":"447700900123","uuid":"aaaaaaaa-bbbb-4ccc-8ddd-0123456789cd",
				 "conversation_uuid":"CON-2","region_url":"https://api-eu-1.vonage.com"}""";
		Event event = InboundCallMapper.map(this.json.readTree(body), body, null, RECEIVED);
		assertThat(event).isInstanceOfSatisfying(InboundCall.class, (call) -> {
			assertThat(call.callUuid()).isEqualTo("aaaaaaaa-bbbb-4ccc-8ddd-0123456789cd");
			assertThat(call.from()).isEqualTo("447700900123");
			assertThat(call.to()).isEqualTo("447700900000");
			assertThat(call.conversationUuid()).isEqualTo("CON-2");
			assertThat(call.recordKey()).isEqualTo(call.callUuid());
		});
		assertThat(InboundCallMapper.map(this.json.readTree(body), body, null, RECEIVED.plusSeconds(3)).eventId())
			.isEqualTo(event.eventId());
	}

	@Test
	void appCallerIsReadFromFromUser() {
		String body = """
				{"to":"447700900000","from_user":"alice","uuid":"u-2","conversation_uuid":"CON-3"}""";
		InboundCall call = (InboundCall) InboundCallMapper.map(this.json.readTree(body), body, null, RECEIVED);
		assertThat(call.from()).isEqualTo("alice");
	}

	private Event map(String body) {
		return VoiceEventMapper.map(this.json.readTree(body), body, COMMAND_ID, RECEIVED, null);
	}

}
