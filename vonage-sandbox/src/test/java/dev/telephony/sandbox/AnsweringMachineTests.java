package dev.telephony.sandbox;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.vonage.client.voice.AdvancedMachineDetection;
import com.vonage.client.voice.Call;
import com.vonage.client.voice.CallStatus;
import com.vonage.client.voice.EventWebhook;
import com.vonage.client.voice.MachineDetection;
import com.vonage.client.voice.MachineDetectionStatus;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.VoiceClient;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.NotifyAction;
import com.vonage.client.voice.ncco.SpeechSettings;
import com.vonage.client.voice.ncco.TalkAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Answering-machine callees and machine detection, standard and advanced, with every
 * event parsed by the SDK's own model. The shared context runs calls at 1/20 of real
 * time.
 */
class AnsweringMachineTests extends SandboxTestSupport {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	private static final String MESSAGE = "Hi, this is the dental practice confirming Tuesday at ten.";

	private static WebhookReceiver receiver;

	@BeforeAll
	static void startReceiver() throws Exception {
		receiver = new WebhookReceiver();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@AfterEach
	void resetScenarios() throws Exception {
		delete("/_sandbox/scenarios");
	}

	@Test
	void detectBeepReportsTheMachineThenTheBeepAndTheTalkIsLeftAsAVoicemail() throws Exception {
		machine("14155550171", "{\"beep_after_ms\": 2000}");
		String events = "/events/" + uniqueRef("beep");
		String uuid = voice()
			.createCall(Call.builder()
				.to(new PhoneEndpoint("14155550171"))
				.from("14155550100")
				.eventUrl(receiver.url(events).toString())
				.advancedMachineDetection(AdvancedMachineDetection.builder()
					.behavior(MachineDetection.CONTINUE)
					.mode(AdvancedMachineDetection.Mode.DETECT_BEEP)
					.beepTimeout(45)
					.build())
				.ncco(TalkAction.builder(MESSAGE).build())
				.build())
			.getUuid();

		List<EventWebhook> statuses = statuses(events, 6);

		assertThat(statuses).extracting(EventWebhook::getStatus)
			.containsExactly(CallStatus.STARTED, CallStatus.RINGING, CallStatus.ANSWERED, CallStatus.MACHINE,
					CallStatus.MACHINE, CallStatus.COMPLETED);
		assertThat(statuses.get(3).getCallUuid()).isEqualTo(uuid);
		assertThat(statuses.get(3).getMachineDetectionSubstate()).isNull();
		assertThat(statuses.get(4).getCallUuid()).isEqualTo(uuid);
		assertThat(statuses.get(4).getMachineDetectionSubstate()).isEqualTo(MachineDetectionStatus.BEEP_START);
		JsonNode beep = json.readTree(body(receiver.received(events).get(4)));
		assertThat(beep.get("sub_state").asString()).isEqualTo("beep_start");
		assertThat(beep.get("call_uuid").asString()).isEqualTo(uuid);
		assertThat(beep.has("uuid")).isFalse();
		assertThat(journalQuery("kind=voicemail&call_uuid=" + uuid)).singleElement().satisfies((entry) -> {
			assertThat(entry.get("text").asString()).isEqualTo(MESSAGE);
			assertThat(entry.get("to").asString()).isEqualTo("14155550171");
		});
	}

	@Test
	void noBeepWithinTheBeepTimeoutIsReportedAndNothingIsRecorded() throws Exception {
		machine("14155550172", "{\"beep_after_ms\": 100000}");
		String events = "/events/" + uniqueRef("no-beep");
		String uuid = voice()
			.createCall(Call.builder()
				.to(new PhoneEndpoint("14155550172"))
				.from("14155550100")
				.eventUrl(receiver.url(events).toString())
				.advancedMachineDetection(AdvancedMachineDetection.builder()
					.behavior(MachineDetection.CONTINUE)
					.mode(AdvancedMachineDetection.Mode.DETECT_BEEP)
					.beepTimeout(45)
					.build())
				.ncco(TalkAction.builder(MESSAGE).build())
				.build())
			.getUuid();

		List<EventWebhook> statuses = statuses(events, 6);

		assertThat(statuses.get(4).getStatus()).isEqualTo(CallStatus.MACHINE);
		assertThat(statuses.get(4).getMachineDetectionSubstate()).isEqualTo(MachineDetectionStatus.BEEP_TIMEOUT);
		// The talk played before the (late) beep: nothing was recorded.
		assertThat(journalQuery("kind=voicemail&call_uuid=" + uuid)).isEmpty();
	}

	@Test
	void aTransferWhileWaitingForTheBeepReplacesTheNcco() throws Exception {
		machine("14155550178", "{\"beep_after_ms\": 100000}");
		String events = "/events/" + uniqueRef("beep-transfer");
		String first = "/notify/" + uniqueRef("beep-first");
		String second = "/notify/" + uniqueRef("beep-second");
		String uuid = voice()
			.createCall(Call.builder()
				.to(new PhoneEndpoint("14155550178"))
				.from("14155550100")
				.eventUrl(receiver.url(events).toString())
				.advancedMachineDetection(AdvancedMachineDetection.builder()
					.behavior(MachineDetection.CONTINUE)
					.mode(AdvancedMachineDetection.Mode.DETECT_BEEP)
					.beepTimeout(120)
					.build())
				.ncco(notify(first))
				.build())
			.getUuid();
		await().atMost(PATIENCE).until(() -> receiver.received(events), (list) -> list.size() == 4);

		voice().transferCall(uuid, new Ncco(notify(second)));

		assertThat(statuses(events, 5)).extracting(EventWebhook::getStatus)
			.containsExactly(CallStatus.STARTED, CallStatus.RINGING, CallStatus.ANSWERED, CallStatus.MACHINE,
					CallStatus.COMPLETED);
		assertThat(receiver.received(first)).isEmpty();
		assertThat(receiver.received(second)).hasSize(1);
	}

	@Test
	void standardDetectionWithHangupEndsTheCallOnAMachine() throws Exception {
		machine("14155550173", "{}");
		String events = "/events/" + uniqueRef("hangup");
		String done = "/notify/" + uniqueRef("hangup");
		voice().createCall(Call.builder()
			.to(new PhoneEndpoint("14155550173"))
			.from("14155550100")
			.eventUrl(receiver.url(events).toString())
			.machineDetection(MachineDetection.HANGUP)
			.ncco(notify(done))
			.build());

		List<EventWebhook> statuses = statuses(events, 5);

		assertThat(statuses).extracting(EventWebhook::getStatus)
			.containsExactly(CallStatus.STARTED, CallStatus.RINGING, CallStatus.ANSWERED, CallStatus.MACHINE,
					CallStatus.COMPLETED);
		assertThat(receiver.received(done)).isEmpty();
	}

	@Test
	void aHumanIsReportedAndTheNccoPlaysWithoutABeep() throws Exception {
		String events = "/events/" + uniqueRef("human");
		String done = "/notify/" + uniqueRef("human");
		String uuid = voice()
			.createCall(Call.builder()
				.to(new PhoneEndpoint("14155550111"))
				.from("14155550100")
				.eventUrl(receiver.url(events).toString())
				.advancedMachineDetection(AdvancedMachineDetection.builder()
					.behavior(MachineDetection.HANGUP)
					.mode(AdvancedMachineDetection.Mode.DETECT_BEEP)
					.build())
				.ncco(TalkAction.builder(MESSAGE).build(), notify(done))
				.build())
			.getUuid();

		List<EventWebhook> statuses = statuses(events, 5);

		assertThat(statuses).extracting(EventWebhook::getStatus)
			.containsExactly(CallStatus.STARTED, CallStatus.RINGING, CallStatus.ANSWERED, CallStatus.HUMAN,
					CallStatus.COMPLETED);
		assertThat(statuses.get(3).getCallUuid()).isEqualTo(uuid);
		assertThat(receiver.received(done)).hasSize(1);
		assertThat(journalQuery("kind=voicemail&call_uuid=" + uuid)).isEmpty();
	}

	@Test
	void defaultModeStartsTheNccoAtOnceAndReportsWhileItPlays() throws Exception {
		machine("14155550174", "{}");
		String events = "/events/" + uniqueRef("async");
		String answer = "/answer/" + uniqueRef("async");
		String done = "/notify/" + uniqueRef("async");
		receiver.answerBodies(answer, """
				[{"action":"talk","text":"%s"},
				 {"action":"notify","payload":{"done":true},"eventUrl":["%s"]}]"""
			.formatted("Please hold the line. ".repeat(20), receiver.url(done)));
		String uuid = voice()
			.createCall(Call.builder()
				.to(new PhoneEndpoint("14155550174"))
				.from("14155550100")
				.eventUrl(receiver.url(events).toString())
				.answerUrl(receiver.url(answer).toString())
				.advancedMachineDetection(AdvancedMachineDetection.builder()
					.behavior(MachineDetection.HANGUP)
					.mode(AdvancedMachineDetection.Mode.DEFAULT)
					.build())
				.build())
			.getUuid();

		statuses(events, 5);

		// The answer URL was fetched before the result: the NCCO was already playing.
		assertThat(journalQuery("kind=webhook&call_uuid=" + uuid)).extracting((entry) -> entry.get("status").asString())
			.containsExactly("started", "ringing", "answered", "answer", "machine", "completed");
		assertThat(receiver.received(done)).isEmpty();
	}

	@Test
	void aMachineWithoutDetectionAnswersAndListensToNothing() throws Exception {
		machine("14155550175", "{\"greeting\": \"Leave a message.\", \"beep_after_ms\": 0}");
		String events = "/events/" + uniqueRef("plain");
		String input = "/input/" + uniqueRef("plain");
		String uuid = voice()
			.createCall(Call.builder()
				.to(new PhoneEndpoint("14155550175"))
				.from("14155550100")
				.eventUrl(receiver.url(events).toString())
				.ncco(TalkAction.builder(MESSAGE).build(),
						InputAction.builder()
							.speech(SpeechSettings.builder().startTimeout(1).build())
							.eventUrl(receiver.url(input).toString())
							.build())
				.build())
			.getUuid();

		assertThat(statuses(events, 4)).extracting(EventWebhook::getStatus)
			.containsExactly(CallStatus.STARTED, CallStatus.RINGING, CallStatus.ANSWERED, CallStatus.COMPLETED);
		assertThat(receiver.received(input)).singleElement().satisfies((request) -> {
			JsonNode speech = json.readTree(body(request)).get("speech");
			assertThat(speech.get("timeout_reason").asString()).isEqualTo("start_timeout");
			assertThat(speech.get("results")).isEmpty();
		});
		assertThat(journalQuery("kind=voicemail&call_uuid=" + uuid)).hasSize(1);
	}

	@Test
	void advancedDetectionWinsOverStandard() throws Exception {
		machine("14155550177", "{\"beep_after_ms\": 1000}");
		String events = "/events/" + uniqueRef("both");
		String done = "/notify/" + uniqueRef("both");
		// The SDK refuses to send both, Vonage accepts them.
		HttpResponse<String> response = post("/v1/calls", "application/json", """
				{"to":[{"type":"phone","number":"14155550177"}],"random_from_number":true,
				 "event_url":["%s"],"machine_detection":"hangup",
				 "advanced_machine_detection":{"behavior":"continue","mode":"detect_beep"},
				 "ncco":[{"action":"notify","payload":{"done":true},"eventUrl":["%s"]}]}"""
			.formatted(receiver.url(events), receiver.url(done)), bearer());
		assertThat(response.statusCode()).isEqualTo(201);

		assertThat(statuses(events, 6)).extracting(EventWebhook::getMachineDetectionSubstate)
			.containsExactly(null, null, null, null, MachineDetectionStatus.BEEP_START, null);
		assertThat(receiver.received(done)).hasSize(1);
	}

	@Test
	void invalidAdvancedMachineDetectionIs400() throws Exception {
		HttpResponse<String> response = post("/v1/calls", "application/json", """
				{"to":[{"type":"phone","number":"14155550111"}],"random_from_number":true,
				 "ncco":[{"action":"talk","text":"hi"}],
				 "advanced_machine_detection":{"behavior":"wait","mode":"guess","beep_timeout":30}}""", bearer());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json.readTree(response.body()).get("invalid_parameters").findValuesAsString("name"))
			.containsExactlyInAnyOrder("advanced_machine_detection.behavior", "advanced_machine_detection.mode",
					"advanced_machine_detection.beep_timeout");
	}

	@Test
	void invalidMachinesAreRefused() throws Exception {
		assertThat(put("/_sandbox/scenarios/14155550176", """
				{"voice": {"say": "Hello", "machine": {"greeting": "", "beep_after_ms": -1}}}"""))
			.satisfies((response) -> {
				assertThat(response.statusCode()).isEqualTo(400);
				assertThat(response.body()).contains("machine.greeting", "machine.beep_after_ms",
						"machine cannot be combined");
			});
	}

	private void machine(String number, String machine) throws Exception {
		assertThat(
				put("/_sandbox/scenarios/" + number, "{\"voice\": {\"after_ms\": 200, \"machine\": " + machine + "}}")
					.statusCode())
			.isEqualTo(200);
	}

	private static List<EventWebhook> statuses(String path, int count) {
		List<WebhookReceiver.Received> received = await().atMost(PATIENCE)
			.until(() -> receiver.received(path), (list) -> list.size() == count);
		// Nothing after the last expected one.
		await().during(Duration.ofMillis(200)).atMost(PATIENCE).until(() -> receiver.received(path).size() == count);
		return received.stream().map((request) -> EventWebhook.fromJson(body(request))).toList();
	}

	private static NotifyAction notify(String path) {
		return NotifyAction.builder(Map.of("done", true), receiver.url(path).toString()).build();
	}

	private static String body(WebhookReceiver.Received request) {
		return new String(request.body(), StandardCharsets.UTF_8);
	}

	private VoiceClient voice() {
		return jwtClient().getVoiceClient();
	}

}
