package dev.telephony.sandbox;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.vonage.client.common.SortOrder;
import com.vonage.client.voice.Call;
import com.vonage.client.voice.CallDirection;
import com.vonage.client.voice.CallEvent;
import com.vonage.client.voice.CallInfo;
import com.vonage.client.voice.CallInfoPage;
import com.vonage.client.voice.CallStatus;
import com.vonage.client.voice.CallsFilter;
import com.vonage.client.voice.DtmfResponse;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.TalkPayload;
import com.vonage.client.voice.TalkResponse;
import com.vonage.client.voice.VoiceClient;
import com.vonage.client.voice.VoiceResponseException;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.TalkAction;
import dev.telephony.testsupport.ApplicationKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Drives the Voice API endpoints with the real Vonage Java SDK, and with raw HTTP where
 * the SDK would refuse to send the request.
 */
class VoiceApiContractTests extends SandboxTestSupport {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	// A long talk keeps the call answered while the test works on it.
	private static Call longCall(String to) {
		return Call.builder()
			.to(new PhoneEndpoint(to))
			.from("14155550100")
			.ncco(TalkAction.builder("Please hold. ".repeat(100)).build())
			.build();
	}

	@Test
	void createCallAnswers201AndJournalsIt() throws Exception {
		CallEvent created = voice().createCall(Call.builder()
			.to(new PhoneEndpoint("14155550111"))
			.from("14155550100")
			.eventUrl("http://127.0.0.1:9/events?cid=abc")
			.ncco(TalkAction.builder("Hello").build())
			.build());

		assertThat(UUID.fromString(created.getUuid())).isNotNull();
		assertThat(created.getStatus()).isEqualTo(CallStatus.STARTED);
		assertThat(created.getDirection()).isEqualTo(CallDirection.OUTBOUND);
		assertThat(created.getConversationUuid()).startsWith("CON-");
		List<JsonNode> requests = journalQuery("kind=request&call_uuid=" + created.getUuid());
		assertThat(requests).hasSize(1);
		JsonNode entry = requests.get(0);
		assertThat(entry.get("method").asString()).isEqualTo("POST");
		assertThat(entry.get("path").asString()).isEqualTo("/v1/calls");
		assertThat(entry.get("conversation_uuid").asString()).isEqualTo(created.getConversationUuid());
		assertThat(entry.get("to").asString()).isEqualTo("14155550111");
		assertThat(entry.get("from").asString()).isEqualTo("14155550100");
		assertThat(entry.get("event_url").asString()).isEqualTo("http://127.0.0.1:9/events?cid=abc");
		assertThat(entry.get("time").asString()).endsWith("Z");
	}

	@Test
	void callDetailsFollowTheLifecycle() {
		CallEvent created = voice().createCall(Call.builder()
			.to(new PhoneEndpoint("14155550111"))
			.from("14155550100")
			.ncco(TalkAction.builder("Hello").build())
			.build());

		CallInfo info = await().atMost(PATIENCE)
			.until(() -> voice().getCallDetails(created.getUuid()), (call) -> call.getStatus() == CallStatus.COMPLETED);

		assertThat(info.getUuid()).isEqualTo(created.getUuid());
		assertThat(info.getConversationUuid()).isEqualTo(created.getConversationUuid());
		assertThat(info.getTo()).isInstanceOfSatisfying(PhoneEndpoint.class,
				(to) -> assertThat(to.getNumber()).isEqualTo("14155550111"));
		assertThat(info.getDirection()).isEqualTo(CallDirection.OUTBOUND);
		assertThat(info.getRate()).isEqualTo(0.014);
		assertThat(info.getDuration()).isPositive();
		assertThat(info.getPrice()).isPositive();
		assertThat(info.getNetwork()).isEqualTo("310260");
		assertThat(info.getStartTime()).isBeforeOrEqualTo(info.getEndTime());
		assertThat(info.getEndTime()).isBefore(Instant.now().plusSeconds(1));
	}

	@Test
	void listCallsFiltersAndPages() {
		CallEvent first = voice().createCall(longCall("14155550141"));
		CallEvent second = voice().createCall(longCall("14155550142"));
		try {
			CallInfoPage byConversation = voice()
				.listCalls(CallsFilter.builder().conversationUuid(second.getConversationUuid()).build());
			assertThat(byConversation.getCount()).isEqualTo(1);
			assertThat(byConversation.getCallInfos()).extracting(CallInfo::getUuid).containsExactly(second.getUuid());

			CallInfoPage newestFirst = voice().listCalls(CallsFilter.builder()
				.pageSize(1)
				.order(SortOrder.DESCENDING)
				.startDate(Instant.now().minusSeconds(60))
				.build());
			assertThat(newestFirst.getCount()).isGreaterThanOrEqualTo(2);
			assertThat(newestFirst.getCallInfos()).hasSize(1);

			CallInfoPage all = voice().listCalls();
			assertThat(all.getCallInfos()).isNotEmpty();
			assertThat(all.getRecordIndex()).isZero();
		}
		finally {
			voice().terminateCall(first.getUuid());
			voice().terminateCall(second.getUuid());
		}
	}

	@Test
	void modifyTalkAndDtmfOnALiveCall() throws Exception {
		CallEvent created = voice().createCall(longCall("14155550143"));
		String uuid = created.getUuid();
		await().atMost(PATIENCE)
			.until(() -> voice().getCallDetails(uuid).getStatus(), (status) -> status == CallStatus.ANSWERED);

		voice().muteCall(uuid);
		voice().unmuteCall(uuid);
		voice().earmuffCall(uuid);
		voice().unearmuffCall(uuid);
		TalkResponse talk = voice().startTalk(uuid, TalkPayload.builder("Hello there").build());
		assertThat(talk.getMessage()).isEqualTo("Talk started");
		assertThat(talk.getUuid()).isEqualTo(uuid);
		assertThat(voice().stopTalk(uuid).getMessage()).isEqualTo("Talk stopped");
		DtmfResponse dtmf = voice().sendDtmf(uuid, "1234#");
		assertThat(dtmf.getMessage()).isEqualTo("DTMF sent");
		voice().terminateCall(uuid);

		await().atMost(PATIENCE)
			.until(() -> voice().getCallDetails(uuid).getStatus(), (status) -> status == CallStatus.COMPLETED);
		assertThat(journalQuery("kind=request&call_uuid=" + uuid))
			.extracting((entry) -> entry.path("status").asString(""))
			.contains("mute", "unmute", "earmuff", "unearmuff", "talk", "talk_stop", "dtmf", "hangup");
		assertThatExceptionOfType(VoiceResponseException.class).isThrownBy(() -> voice().terminateCall(uuid))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(400));
	}

	@Test
	void transferReplacesTheRestOfTheNcco() {
		CallEvent created = voice().createCall(longCall("14155550144"));
		String uuid = created.getUuid();
		await().atMost(PATIENCE)
			.until(() -> voice().getCallDetails(uuid).getStatus(), (status) -> status == CallStatus.ANSWERED);

		voice().transferCall(uuid, new Ncco(TalkAction.builder("Bye").build()));

		await().atMost(PATIENCE)
			.until(() -> voice().getCallDetails(uuid).getStatus(), (status) -> status == CallStatus.COMPLETED);
	}

	@Test
	void unknownCallIs404() {
		String unknown = UUID.randomUUID().toString();
		assertThatExceptionOfType(VoiceResponseException.class).isThrownBy(() -> voice().getCallDetails(unknown))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(404);
				assertThat(ex.getTitle()).isEqualTo("Not Found");
			});
		assertThatExceptionOfType(VoiceResponseException.class).isThrownBy(() -> voice().terminateCall(unknown))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404));
		assertThatExceptionOfType(VoiceResponseException.class).isThrownBy(() -> voice().sendDtmf(unknown, "1"))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404));
	}

	@Test
	void jwtFromAnotherKeyOrBasicAuthIsUnauthorized() {
		VoiceClient stranger = jwtClient(APPLICATION_ID, ApplicationKeys.generate().privateKeyPem()).getVoiceClient();
		assertThatExceptionOfType(VoiceResponseException.class)
			.isThrownBy(() -> stranger.createCall(longCall("14155550145")))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(401);
				assertThat(ex.getTitle()).isEqualTo("Unauthorized");
			});
	}

	@Test
	void basicAuthIsNotAcceptedByTheVoiceApi() throws Exception {
		HttpResponse<String> response = post("/v1/calls", "application/json", """
				{"to":[{"type":"phone","number":"14155550111"}],"from":{"type":"phone","number":"14155550100"},
				 "ncco":[{"action":"talk","text":"hi"}]}""", basic(API_KEY, API_SECRET));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void invalidRequestsAre400ProblemsListingTheParameters() throws Exception {
		HttpResponse<String> response = post("/v1/calls", "application/json", """
				{"to":[{"type":"phone","number":"12"}],"from":{"type":"phone","number":"14155550100"},
				 "ncco":[{"action":"talk"}, {"action":"dance"}],"event_url":["ftp://x"],"ringing_timer":500}""",
				bearer());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.get("invalid_parameters").findValuesAsString("name"))
			.containsExactlyInAnyOrder("to[0].number", "ncco[0].text", "ncco[1].action", "event_url", "ringing_timer");
	}

	@Test
	void sdkSeesInvalidNumberAs400() {
		assertThatExceptionOfType(VoiceResponseException.class).isThrownBy(() -> voice().createCall(longCall("123")))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(400);
				assertThat(ex.getInvalidParameters()).isNotEmpty();
			});
	}

	@Test
	void bargeInTalkMustBeFollowedByAnInput() throws Exception {
		HttpResponse<String> response = post("/v1/calls", "application/json",
				"""
						{"to":[{"type":"phone","number":"14155550111"}],"random_from_number":true,
						 "ncco":[{"action":"talk","text":"a","bargeIn":true},{"action":"talk","text":"b"},
						         {"action":"input","type":["speech"]},
						         {"action":"talk","text":"c","bargeIn":true},{"action":"stream","streamUrl":["https://x/a.mp3"]},
						         {"action":"talk","text":"d","bargeIn":"yes"},{"action":"input","type":["dtmf"]},
						         {"action":"talk","text":"e","bargeIn":true}]}""",
				bearer());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json.readTree(response.body()).get("invalid_parameters").findValuesAsString("name"))
			.containsExactlyInAnyOrder("ncco[3].bargeIn", "ncco[5].bargeIn", "ncco[7].bargeIn");
	}

	@Test
	void answerUrlAndNccoTogetherAreRejected() throws Exception {
		HttpResponse<String> response = post("/v1/calls", "application/json", """
				{"to":[{"type":"phone","number":"14155550111"}],"random_from_number":true,
				 "ncco":[{"action":"talk","text":"hi"}],"answer_url":["http://127.0.0.1:9/answer"]}""", bearer());

		assertThat(response.statusCode()).isEqualTo(400);
	}

	private VoiceClient voice() {
		return jwtClient().getVoiceClient();
	}

}
