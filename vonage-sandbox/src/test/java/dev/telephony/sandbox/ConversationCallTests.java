package dev.telephony.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.vonage.client.voice.Call;
import com.vonage.client.voice.CallStatus;
import com.vonage.client.voice.DisconnectedBy;
import com.vonage.client.voice.EventWebhook;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.SpeechTranscript;
import com.vonage.client.voice.VoiceClient;
import com.vonage.client.voice.ncco.Action;
import com.vonage.client.voice.ncco.ConversationAction;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.NotifyAction;
import com.vonage.client.voice.ncco.SpeechSettings;
import com.vonage.client.voice.ncco.StreamAction;
import com.vonage.client.voice.ncco.TalkAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Multi-turn callees driven the way the gateway drives them (ADR 8): every input webhook
 * answered at once with a hold, each model turn a transfer to {@code [talk, input]}.
 * Webhooks are parsed with the SDK's own model. The shared context runs calls at 1/20 of
 * real time.
 */
class ConversationCallTests extends SandboxTestSupport {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	// 900 characters: 58.5 s scripted, about 2.9 s at the tests' time scale.
	private static final String LONG_TALK = "Let me read you the options. ".repeat(31);

	private static final Duration LONG_TALK_PLAYED = Duration.ofMillis(LONG_TALK.length() * 65 / 20);

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
	void conversationDrivenByTransfersConsumesOneTurnPerListeningInput() throws Exception {
		scenario("14155550161", """
				{"voice": {"after_ms": 200, "turns": [
				  {"say": "Tuesday works for me.", "confidence": 0.8, "during_hold": "Are you still there?"},
				  {"say": "Ten o'clock, please.", "barge_in": true},
				  {"digits": "42"},
				  {},
				  {"hangup": true}]}}""");
		String events = "/events/" + uniqueRef("conversation");
		String turn = "/turn/" + uniqueRef("conversation");
		String hold = "/hold/" + uniqueRef("conversation");
		holdEveryInput(turn, hold);
		String uuid = voice()
			.createCall(Call.builder()
				.to(new PhoneEndpoint("14155550161"))
				.from("14155550100")
				.eventUrl(receiver.url(events).toString())
				.ncco(TalkAction.builder("Hello, when shall we meet?").build(), listen(turn))
				.build())
			.getUuid();

		// Turn 1, then its during_hold in the first hold round, then silent hold rounds.
		EventWebhook first = EventWebhook.fromJson(body(inputs(turn, 1).get(0)));
		assertThat(first.getCallUuid()).isEqualTo(uuid);
		assertThat(first.getSpeech().getResults()).singleElement().satisfies((result) -> {
			assertThat(result.getText()).isEqualTo("Tuesday works for me.");
			assertThat(result.getConfidence()).isEqualTo(0.8);
		});
		List<WebhookReceiver.Received> holds = inputs(hold, 3);
		assertThat(speech(holds.get(0))).isEqualTo("Are you still there?");
		for (WebhookReceiver.Received silent : holds.subList(1, 3)) {
			assertThat(EventWebhook.fromJson(body(silent)).getSpeech().getResults()).isEmpty();
			assertThat(json.readTree(body(silent)).get("speech").get("timeout_reason").asString())
				.isEqualTo("start_timeout");
		}

		// Turn 2 barges in: the talk ends after about a third (the journal says how each
		// talk ended, so no wall clock is needed to tell).
		voice().transferCall(uuid, new Ncco(TalkAction.builder(LONG_TALK).bargeIn(true).build(), listen(turn)));
		assertThat(speech(inputs(turn, 2).get(1))).isEqualTo("Ten o'clock, please.");

		// Turn 3 presses keys and does not barge in: the same talk plays in full.
		long transferred = System.nanoTime();
		voice().transferCall(uuid, new Ncco(TalkAction.builder(LONG_TALK).bargeIn(true).build(), listen(turn)));
		EventWebhook third = EventWebhook.fromJson(body(inputs(turn, 3).get(2)));
		assertThat(Duration.ofNanos(System.nanoTime() - transferred)).isGreaterThanOrEqualTo(LONG_TALK_PLAYED);
		assertThat(third.getDtmf().getDigits()).isEqualTo("42");
		assertThat(third.getDtmf().isTimedOut()).isFalse();
		assertThat(third.getSpeech().getResults()).isEmpty();

		// Turn 4 is silence.
		voice().transferCall(uuid, new Ncco(TalkAction.builder("Anything else?").build(), listen(turn)));
		JsonNode fourth = json.readTree(body(inputs(turn, 4).get(3)));
		assertThat(fourth.get("speech").get("timeout_reason").asString()).isEqualTo("start_timeout");
		assertThat(fourth.get("speech").get("results")).isEmpty();
		assertThat(fourth.get("dtmf").get("timed_out").asBoolean()).isTrue();

		// Turn 5 hangs up as its input starts.
		voice().transferCall(uuid, new Ncco(TalkAction.builder("Shall I book it?").build(), listen(turn)));
		List<WebhookReceiver.Received> statuses = await().atMost(PATIENCE)
			.until(() -> receiver.received(events), (list) -> list.size() == 4);
		EventWebhook completed = EventWebhook.fromJson(body(statuses.get(3)));
		assertThat(completed.getStatus()).isEqualTo(CallStatus.COMPLETED);
		assertThat(completed.getDisconnectedBy()).isEqualTo(DisconnectedBy.USER);
		assertThat(receiver.received(turn)).hasSize(4);
		assertThat(receiver.received(turn)).extracting(ConversationCallTests::speech)
			.containsExactly("Tuesday works for me.", "Ten o'clock, please.", null, null);
		// What the callee heard, in order, across the transfers.
		assertThat(journalQuery("kind=talk&call_uuid=" + uuid)).extracting((entry) -> entry.get("text").asString())
			.containsExactly("Hello, when shall we meet?", LONG_TALK, LONG_TALK, "Anything else?", "Shall I book it?");
		assertThat(journalQuery("kind=talk&call_uuid=" + uuid)).extracting((entry) -> entry.get("status").asString())
			.containsExactly("played", "barged_in", "played", "played", "played");
	}

	@Test
	void turnsUsedUpLeaveListeningInputsSilentAndTheNccoEndsThePlatformsWay() throws Exception {
		scenario("14155550162", """
				{"voice": {"after_ms": 200, "turns": [{"say": "Yes."}]}}""");
		String events = "/events/" + uniqueRef("used-up");
		String turn = "/turn/" + uniqueRef("used-up");
		voice().createCall(Call.builder()
			.to(new PhoneEndpoint("14155550162"))
			.from("14155550100")
			.eventUrl(receiver.url(events).toString())
			.ncco(TalkAction.builder("Tuesday?").build(), listen(turn), TalkAction.builder("Ten?").build(),
					listen(turn))
			.build());

		List<WebhookReceiver.Received> statuses = await().atMost(PATIENCE)
			.until(() -> receiver.received(events), (list) -> list.size() == 4);

		assertThat(receiver.received(turn)).extracting(ConversationCallTests::speech).containsExactly("Yes.", null);
		assertThat(EventWebhook.fromJson(body(statuses.get(3))).getDisconnectedBy()).isEqualTo(DisconnectedBy.PLATFORM);
	}

	@Test
	void transferCutsAListeningInputOrHoldRoundWithoutItsWebhook() throws Exception {
		String events = "/events/" + uniqueRef("cut");
		String first = "/input/" + uniqueRef("cut-first");
		String hold = "/hold/" + uniqueRef("cut");
		String listening = "/input/" + uniqueRef("cut-listening");
		String done = "/notify/" + uniqueRef("cut");
		// A silent callee: each input would last its startTimeout of 60 s (3 s here).
		receiver.answerBodies(first, "[" + holdInput(hold, 60) + "]");
		String uuid = voice()
			.createCall(Call.builder()
				.to(new PhoneEndpoint("14155550116"))
				.from("14155550100")
				.eventUrl(receiver.url(events).toString())
				.ncco(InputAction.builder()
					.speech(SpeechSettings.builder().startTimeout(1).build())
					.eventUrl(receiver.url(first).toString())
					.build())
				.build())
			.getUuid();
		await().atMost(PATIENCE).until(() -> receiver.received(first), (list) -> list.size() == 1);
		await().during(Duration.ofMillis(400)).atMost(PATIENCE).until(() -> receiver.received(hold).isEmpty());

		voice().transferCall(uuid,
				new Ncco(TalkAction.builder("Hi").build(),
						InputAction.builder()
							.speech(SpeechSettings.builder().startTimeout(60).build())
							.eventUrl(receiver.url(listening).toString())
							.build()));
		await().during(Duration.ofMillis(400)).atMost(PATIENCE).until(() -> receiver.received(listening).isEmpty());
		voice().transferCall(uuid, new Ncco(notify(done)));

		List<WebhookReceiver.Received> statuses = await().atMost(PATIENCE)
			.until(() -> receiver.received(events), (list) -> list.size() == 4);
		assertThat(EventWebhook.fromJson(body(statuses.get(3))).getStatus()).isEqualTo(CallStatus.COMPLETED);
		assertThat(receiver.received(done)).hasSize(1);
		assertThat(receiver.received(hold)).isEmpty();
		assertThat(receiver.received(listening)).isEmpty();
		assertThat(journalQuery("kind=webhook&call_uuid=" + uuid)).extracting((entry) -> entry.get("status").asString())
			.containsExactly("started", "ringing", "answered", "input", "notify", "completed");
	}

	@Test
	void aTurnCutOffByATransferGoesToTheNextListeningInput() throws Exception {
		// 300 characters: the answer takes 1.1 s at the tests' time scale.
		String longAnswer = "Well, let me think about that. ".repeat(10);
		scenario("14155550164", """
				{"voice": {"after_ms": 200, "turns": [{"say": "%s"}, {"say": "Second."}]}}""".formatted(longAnswer));
		String events = "/events/" + uniqueRef("cut-turn");
		String cut = "/turn/" + uniqueRef("cut-turn");
		String turn = "/turn/" + uniqueRef("again");
		String uuid = voice()
			.createCall(Call.builder()
				.to(new PhoneEndpoint("14155550164"))
				.from("14155550100")
				.eventUrl(receiver.url(events).toString())
				.ncco(TalkAction.builder("Hi").build(), listen(cut))
				.build())
			.getUuid();
		await().atMost(PATIENCE).until(() -> receiver.received(events), (list) -> list.size() == 3);
		await().during(Duration.ofMillis(400)).atMost(PATIENCE).until(() -> receiver.received(cut).isEmpty());

		voice().transferCall(uuid, new Ncco(TalkAction.builder("Sorry?").build(), listen(turn),
				TalkAction.builder("And?").build(), listen(turn)));

		await().atMost(PATIENCE).until(() -> receiver.received(events), (list) -> list.size() == 4);
		assertThat(receiver.received(cut)).isEmpty();
		assertThat(receiver.received(turn)).extracting(ConversationCallTests::speech)
			.containsExactly(longAnswer, "Second.");
	}

	@Test
	void endlessStreamTalkAndConversationHoldTheCallUntilATransfer() throws Exception {
		List<Action> holds = List.of(StreamAction.builder("https://example.com/music.mp3").loop(0).build(),
				TalkAction.builder("Please hold.").loop(0).build(),
				ConversationAction.builder("hold-" + uniqueRef("room"))
					.musicOnHoldUrl("https://example.com/music.mp3")
					.startOnEnter(false)
					.build());
		for (Action holding : holds) {
			String events = "/events/" + uniqueRef(holding.getAction());
			String done = "/notify/" + uniqueRef(holding.getAction());
			String uuid = voice()
				.createCall(Call.builder()
					.to(new PhoneEndpoint("14155550116"))
					.from("14155550100")
					.eventUrl(receiver.url(events).toString())
					.ncco(holding)
					.build())
				.getUuid();
			await().atMost(PATIENCE).until(() -> receiver.received(events), (list) -> list.size() == 3);
			// Longer than a looped-once stream (3 s scripted) would have lasted.
			await().during(Duration.ofMillis(500))
				.atMost(PATIENCE)
				.until(() -> voice().getCallDetails(uuid).getStatus() == CallStatus.ANSWERED);

			voice().transferCall(uuid, new Ncco(notify(done)));

			List<WebhookReceiver.Received> statuses = await().atMost(PATIENCE)
				.until(() -> receiver.received(events), (list) -> list.size() == 4);
			assertThat(EventWebhook.fromJson(body(statuses.get(3))).getStatus()).as(holding.getAction())
				.isEqualTo(CallStatus.COMPLETED);
			assertThat(receiver.received(done)).as(holding.getAction()).hasSize(1);
		}
	}

	@Test
	void invalidTurnsAreRefused() throws Exception {
		assertThat(put("/_sandbox/scenarios/14155550163", """
				{"voice": {"turns": [{"say": ""}, {"hangup": true, "say": "Bye"}, {"digits": "12a"},
				  {"confidence": 2}, {"during_hold": "%s"}]}}""".formatted("x".repeat(1001)))).satisfies((response) -> {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("turns[0].say", "turns[1].hangup", "turns[2].digits",
					"turns[3].confidence", "turns[4].during_hold");
		});
		assertThat(put("/_sandbox/scenarios/14155550163", """
				{"voice": {"turns": [{"shout": "Hey"}]}}""").statusCode()).isEqualTo(400);
		assertThat(put("/_sandbox/scenarios/14155550163", """
				{"voice": {"turns": []}}""").statusCode()).isEqualTo(400);
		assertThat(put("/_sandbox/scenarios/14155550163", """
				{"voice": {"say": "Yes", "turns": [{"say": "No"}]}}""").statusCode()).isEqualTo(400);
		String tooMany = String.join(",", Collections.nCopies(51, "{\"say\": \"Yes\"}"));
		assertThat(put("/_sandbox/scenarios/14155550163", "{\"voice\": {\"turns\": [" + tooMany + "]}}").statusCode())
			.isEqualTo(400);
	}

	private void scenario(String number, String scenario) throws Exception {
		assertThat(put("/_sandbox/scenarios/" + number, scenario).statusCode()).isEqualTo(200);
	}

	// As the gateway's ingest does: every input webhook is answered with a hold round.
	private static void holdEveryInput(String... paths) {
		String holdScript = "[" + holdInput(paths[paths.length - 1], 2) + "]";
		for (String path : paths) {
			receiver.answerBodies(path, Collections.nCopies(500, holdScript).toArray(String[]::new));
		}
	}

	private static String holdInput(String path, int startTimeout) {
		return """
				{"action":"input","type":["speech","dtmf"],"speech":{"startTimeout":%d},\
				"dtmf":{"timeOut":%d},"eventUrl":["%s"]}""".formatted(startTimeout, startTimeout, receiver.url(path));
	}

	private static InputAction listen(String path) {
		return InputAction.builder()
			.speech(SpeechSettings.builder().startTimeout(1).endOnSilence(1).build())
			.dtmf(DtmfSettings.builder().maxDigits(2).timeOut(1).build())
			.eventUrl(receiver.url(path).toString())
			.build();
	}

	private static NotifyAction notify(String path) {
		return NotifyAction.builder(Map.of("done", true), receiver.url(path).toString()).build();
	}

	private static List<WebhookReceiver.Received> inputs(String path, int count) {
		return await().atMost(PATIENCE).until(() -> receiver.received(path), (list) -> list.size() >= count);
	}

	private static String speech(WebhookReceiver.Received request) {
		List<SpeechTranscript> results = EventWebhook.fromJson(body(request)).getSpeech().getResults();
		return results.isEmpty() ? null : results.get(0).getText();
	}

	private static String body(WebhookReceiver.Received request) {
		return new String(request.body(), StandardCharsets.UTF_8);
	}

	private VoiceClient voice() {
		return jwtClient().getVoiceClient();
	}

}
