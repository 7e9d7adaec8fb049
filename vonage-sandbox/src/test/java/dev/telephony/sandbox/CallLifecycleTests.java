package dev.telephony.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.vonage.client.voice.Call;
import com.vonage.client.voice.CallStatus;
import com.vonage.client.voice.CallStatusDetail;
import com.vonage.client.voice.DisconnectedBy;
import com.vonage.client.voice.EventWebhook;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.EventMethod;
import com.vonage.client.voice.ncco.InputAction;
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
 * Scripted callees as an app sees them through its webhooks: order, shape (parsed by the
 * SDK's own model) and signatures verified with a JWT library other than the sandbox's.
 * The shared context runs calls at 1/20 of real time.
 */
class CallLifecycleTests extends SandboxTestSupport {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

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
	void answeredCallWithSpeechInputReportsInOrderSigned() throws Exception {
		String events = "/events/" + uniqueRef("speech");
		String input = "/input/" + uniqueRef("speech");
		String uuid = jwtClient().getVoiceClient()
			.createCall(Call.builder()
				.to(new PhoneEndpoint("14155550111"))
				.from("14155550100")
				.eventUrl(receiver.url(events + "?cid=cmd-1").toString())
				.ncco(TalkAction.builder("Can we meet on Tuesday at ten?").build(),
						InputAction.builder()
							.speech(SpeechSettings.builder().endOnSilence(1).build())
							.eventUrl(receiver.url(input + "?cid=cmd-1").toString())
							.build())
				.build())
			.getUuid();

		List<WebhookReceiver.Received> statuses = await().atMost(PATIENCE)
			.until(() -> receiver.received(events), (list) -> list.size() == 4);
		List<WebhookReceiver.Received> inputs = receiver.received(input);

		assertThat(statuses).extracting((request) -> EventWebhook.fromJson(body(request)).getStatus())
			.containsExactly(CallStatus.STARTED, CallStatus.RINGING, CallStatus.ANSWERED, CallStatus.COMPLETED);
		assertThat(inputs).hasSize(1);
		for (WebhookReceiver.Received request : concat(statuses, inputs)) {
			assertThat(request.query()).isEqualTo("cid=cmd-1");
			JWTClaimsSet claims = verifiedClaims(request.body(), request);
			assertThat(claims.getStringClaim("application_id")).isEqualTo(APPLICATION_ID);
		}
		EventWebhook speech = EventWebhook.fromJson(body(inputs.get(0)));
		assertThat(speech.getCallUuid()).isEqualTo(uuid);
		assertThat(speech.getSpeech().getResults()).singleElement().satisfies((result) -> {
			assertThat(result.getText()).isEqualTo("Yes, Tuesday at ten works for me.");
			assertThat(result.getConfidence()).isEqualTo(0.92);
		});
		JsonNode inputJson = json.readTree(body(inputs.get(0)));
		assertThat(inputJson.get("speech").get("timeout_reason").asString()).isEqualTo("end_on_silence_timeout");
		assertThat(inputJson.get("timestamp").asString()).endsWith("Z");

		EventWebhook completed = EventWebhook.fromJson(body(statuses.get(3)));
		assertThat(completed.getCallUuid()).isEqualTo(uuid);
		assertThat(completed.getDisconnectedBy()).isEqualTo(DisconnectedBy.PLATFORM);
		assertThat(completed.getDuration()).isPositive();
		assertThat(completed.getRate()).isEqualTo(0.014);
		assertThat(completed.getPrice()).isPositive();
		assertThat(completed.getNetwork()).isEqualTo("310260");
		assertThat(completed.getStartTime()).isBeforeOrEqualTo(completed.getEndTime());
		JsonNode completedJson = json.readTree(body(statuses.get(3)));
		assertThat(completedJson.get("sip_code").asInt()).isEqualTo(200);
		assertThat(completedJson.get("end_time").asString()).endsWith("Z");

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(journalQuery("kind=webhook&call_uuid=" + uuid))
				.extracting((entry) -> entry.get("status").asString())
				.containsExactly("started", "ringing", "answered", "input", "completed"));
	}

	@Test
	void dtmfInputAndAnNccoAnsweredByTheInputWebhook() throws Exception {
		String events = "/events/" + uniqueRef("dtmf");
		String input = "/input/" + uniqueRef("dtmf");
		String second = "/input/" + uniqueRef("dtmf-second");
		receiver.answerBodies(input, """
				[{"action":"talk","text":"Thanks"},
				 {"action":"input","type":["dtmf"],"dtmf":{"maxDigits":1},"eventUrl":["%s"]}]"""
			.formatted(receiver.url(second)));
		jwtClient().getVoiceClient()
			.createCall(Call.builder()
				.to(new PhoneEndpoint("14155550146"))
				.from("14155550100")
				.eventUrl(receiver.url(events).toString())
				.ncco(InputAction.builder()
					.dtmf(DtmfSettings.builder().maxDigits(1).build())
					.eventUrl(receiver.url(input).toString())
					.build())
				.build());

		await().atMost(PATIENCE).until(() -> receiver.received(events), (list) -> list.size() == 4);

		for (String path : List.of(input, second)) {
			assertThat(receiver.received(path)).singleElement().satisfies((request) -> {
				EventWebhook event = EventWebhook.fromJson(body(request));
				assertThat(event.getDtmf().getDigits()).isEqualTo("1");
				assertThat(event.getDtmf().isTimedOut()).isFalse();
				assertThat(event.getSpeech().getResults()).isEmpty();
			});
		}
	}

	@Test
	void silentCalleeTimesOut() throws Exception {
		String events = "/events/" + uniqueRef("silent");
		jwtClient().getVoiceClient()
			.createCall(Call.builder()
				.to(new PhoneEndpoint("14155550116"))
				.from("14155550100")
				.eventUrl(receiver.url(events).toString())
				.ncco(InputAction.builder()
					.speech(SpeechSettings.builder().startTimeout(2).build())
					.dtmf(DtmfSettings.builder().timeOut(2).build())
					.build())
				.build());

		// Without an eventUrl on the action its result goes to the call's event_url.
		List<WebhookReceiver.Received> received = await().atMost(PATIENCE)
			.until(() -> receiver.received(events), (list) -> list.size() == 5);

		JsonNode input = json.readTree(body(received.get(3)));
		assertThat(input.has("status")).isFalse();
		assertThat(input.get("speech").get("timeout_reason").asString()).isEqualTo("start_timeout");
		assertThat(input.get("speech").get("results")).isEmpty();
		assertThat(input.get("dtmf").get("timed_out").asBoolean()).isTrue();
		assertThat(input.get("dtmf").get("digits").isNull()).isTrue();
	}

	@Test
	void busyCallee() throws Exception {
		JsonNode last = terminal("14155550112", null, 3);
		assertThat(last.get("status").asString()).isEqualTo("busy");
		assertThat(last.get("sip_code").asInt()).isEqualTo(486);
		assertThat(last.has("price")).isFalse();
	}

	@Test
	void unansweredCallee() throws Exception {
		JsonNode last = terminal("14155550113", null, 3);
		EventWebhook event = EventWebhook.fromJson(last.toString());
		assertThat(event.getStatus()).isEqualTo(CallStatus.UNANSWERED);
		assertThat(event.getDetail()).isEqualTo(CallStatusDetail.UNAVAILABLE);
		assertThat(last.get("sip_code").asInt()).isEqualTo(480);
	}

	@Test
	void ringingTimerShorterThanTheRingTimeEndsInTimeout() throws Exception {
		JsonNode last = terminal("14155550113", 5, 3);
		assertThat(last.get("status").asString()).isEqualTo("timeout");
	}

	@Test
	void rejectedCallee() throws Exception {
		JsonNode last = terminal("14155550114", null, 2);
		EventWebhook event = EventWebhook.fromJson(last.toString());
		assertThat(event.getStatus()).isEqualTo(CallStatus.REJECTED);
		assertThat(event.getDetail()).isEqualTo(CallStatusDetail.DECLINED);
		assertThat(last.get("sip_code").asInt()).isEqualTo(603);
	}

	@Test
	void failedCallee() throws Exception {
		JsonNode last = terminal("14155550115", null, 2);
		EventWebhook event = EventWebhook.fromJson(last.toString());
		assertThat(event.getStatus()).isEqualTo(CallStatus.FAILED);
		assertThat(event.getDetail()).isEqualTo(CallStatusDetail.CANNOT_ROUTE);
		assertThat(last.get("sip_code").asInt()).isEqualTo(404);
	}

	@Test
	void adminApiScriptsACallee() throws Exception {
		assertThat(put("/_sandbox/scenarios/4477009*", """
				{"voice": {"outcome": "rejected", "after_ms": 100, "detail": "restricted", "sip_code": 403}}""")
			.statusCode()).isEqualTo(200);
		assertThat(get("/_sandbox/scenarios").body()).contains("4477009*");

		JsonNode last = terminal("447700900999", null, 2);
		assertThat(last.get("detail").asString()).isEqualTo("restricted");
		assertThat(last.get("sip_code").asInt()).isEqualTo(403);

		assertThat(put("/_sandbox/scenarios/4477009*", "{\"voice\": {\"outcome\": \"dance\"}}").statusCode())
			.isEqualTo(400);
		assertThat(put("/_sandbox/scenarios/not-a-number", "{\"voice\": {}}").statusCode()).isEqualTo(400);
		assertThat(delete("/_sandbox/scenarios").statusCode()).isEqualTo(204);
		assertThat(get("/_sandbox/scenarios").body()).doesNotContain("4477009*");
	}

	@Test
	void answerUrlIsFetchedWithTheCallAndGetEventsCarryQueryParameters() throws Exception {
		String answer = "/answer/" + uniqueRef("answer");
		String events = "/events/" + uniqueRef("get");
		receiver.answerBodies(answer, "[{\"action\":\"talk\",\"text\":\"Hi\"}]");
		String uuid = jwtClient().getVoiceClient()
			.createCall(Call.builder()
				.to(new PhoneEndpoint("14155550147"))
				.from("14155550100")
				.answerUrl(receiver.url(answer + "?cid=a").toString())
				.eventUrl(receiver.url(events + "?cid=e").toString())
				.eventMethod(EventMethod.GET)
				.build())
			.getUuid();

		List<WebhookReceiver.Received> received = await().atMost(PATIENCE)
			.until(() -> receiver.received(events), (list) -> list.size() == 4);

		Map<String, String> answerQuery = query(receiver.received(answer).get(0));
		assertThat(answerQuery).containsEntry("cid", "a")
			.containsEntry("uuid", uuid)
			.containsEntry("to", "14155550147")
			.containsEntry("from", "14155550100")
			.containsKey("conversation_uuid");
		assertThat(received).extracting((request) -> request.method()).containsOnly("GET");
		assertThat(received).extracting((request) -> query(request).get("status"))
			.containsExactly("started", "ringing", "answered", "completed");
		// GET webhooks sign the parameters as a compact JSON object, in order.
		Map<String, String> parameters = new LinkedHashMap<>(query(received.get(0)));
		parameters.remove("cid");
		verifiedClaims(json.writeValueAsBytes(parameters), received.get(0));
	}

	private JsonNode terminal(String to, Integer ringingTimer, int expectedEvents) throws Exception {
		String events = "/events/" + uniqueRef(to);
		Call.Builder call = Call.builder()
			.to(new PhoneEndpoint(to))
			.from("14155550100")
			.eventUrl(receiver.url(events).toString())
			.ncco(TalkAction.builder("Hello").build());
		if (ringingTimer != null) {
			call.ringingTimer(ringingTimer);
		}
		String uuid = jwtClient().getVoiceClient().createCall(call.build()).getUuid();
		List<WebhookReceiver.Received> received = await().atMost(PATIENCE)
			.until(() -> receiver.received(events), (list) -> list.size() == expectedEvents);
		assertThat(EventWebhook.fromJson(body(received.get(0))).getStatus()).isEqualTo(CallStatus.STARTED);
		JsonNode last = json.readTree(body(received.get(expectedEvents - 1)));
		assertThat(last.get("uuid").asString()).isEqualTo(uuid);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(jwtClient().getVoiceClient().getCallDetails(uuid).getStatus().toString())
				.isEqualTo(last.get("status").asString()));
		return last;
	}

	private static Map<String, String> query(WebhookReceiver.Received request) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : request.query().split("&")) {
			String[] parts = pair.split("=", 2);
			parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
					URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
		}
		return parameters;
	}

	private static List<WebhookReceiver.Received> concat(List<WebhookReceiver.Received> first,
			List<WebhookReceiver.Received> second) {
		return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
	}

	/** Verifies signature and payload hash with Nimbus, independently of the signer. */
	private static JWTClaimsSet verifiedClaims(byte[] signedBytes, WebhookReceiver.Received request) throws Exception {
		assertThat(request.authorization()).startsWith("Bearer ");
		SignedJWT jwt = SignedJWT.parse(request.authorization().substring("Bearer ".length()));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(jwt.verify(new MACVerifier(SIGNATURE_SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("Vonage");
		assertThat(claims.getStringClaim("api_key")).isEqualTo(API_KEY);
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getIssueTime()).isNotNull();
		String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signedBytes));
		assertThat(claims.getStringClaim("payload_hash")).isEqualTo(hash);
		return claims;
	}

	private static String body(WebhookReceiver.Received request) {
		return new String(request.body(), StandardCharsets.UTF_8);
	}

}
