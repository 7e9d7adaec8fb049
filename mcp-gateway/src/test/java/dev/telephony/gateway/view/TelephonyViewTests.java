package dev.telephony.gateway.view;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.telephony.schemas.CallInputReceived;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.CommandFailed;
import dev.telephony.schemas.InboundMessage;
import dev.telephony.schemas.PlaceCall;
import dev.telephony.schemas.SendSms;
import dev.telephony.schemas.SpeechResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TelephonyViewTests {

	private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

	private static final String CALLEE = "14155550111";

	private static final String US = "14155550100";

	private final TelephonyView view = new TelephonyView(new ViewProperties(Duration.ofHours(24)));

	@Test
	void outOfOrderStatusesEndAtTheFurthestAndHistoryIsInProviderTimeOrder() {
		UUID id = placeCall();
		status(id, "answered", 3);
		status(id, "ringing", 2);
		status(id, "started", 1);

		CallSnapshot call = this.view.callByCommand(id).orElseThrow();
		assertThat(call.status()).isEqualTo("answered");
		assertThat(call.history()).extracting(StatusChange::status).containsExactly("started", "ringing", "answered");
	}

	@Test
	void aCallNeverLeavesATerminalStatus() {
		UUID id = placeCall();
		status(id, "completed", 10);
		status(id, "answered", 5);

		CallSnapshot call = this.view.callByCommand(id).orElseThrow();
		assertThat(call.status()).isEqualTo("completed");
		assertThat(call.terminal()).isTrue();
	}

	@Test
	void eventsBeforeTheirCommandAreKeptAndJoined() {
		UUID id = UUID.randomUUID();
		this.view.onEvent(new CommandAccepted("a-" + id, id, T0, T0, "call-" + id, "CON-1", null));
		status(id, "ringing", 2);
		this.view.onCommand(place(id));

		CallSnapshot call = this.view.callByUuid("call-" + id).orElseThrow();
		assertThat(call.to()).isEqualTo(CALLEE);
		assertThat(call.message()).isEqualTo("Hello");
		assertThat(call.status()).isEqualTo("ringing");
		assertThat(call.outcome().accepted()).isTrue();
	}

	@Test
	void inputIsRecordedWithItsSpeech() {
		UUID id = placeCall();
		this.view.onEvent(new CallInputReceived("i-" + id, id, T0, T0, "call-" + id, null,
				List.of(new SpeechResult("yes", 0.9)), null, null, null, false));

		CallSnapshot call = this.view.callByCommand(id).orElseThrow();
		assertThat(call.inputReceived()).isTrue();
		assertThat(call.speech()).extracting(SpeechResult::text).containsExactly("yes");
	}

	@Test
	void failedPlacementIsVisibleByCommand() {
		UUID id = UUID.randomUUID();
		this.view.onCommand(place(id));
		this.view.onEvent(new CommandFailed("f-" + id, id, T0, T0, "provider_rejected", "422 bad", 1, false));

		assertThat(this.view.callByCommand(id).orElseThrow().outcome().kind()).isEqualTo("failed");
	}

	@Test
	void aReplyGoesToTheOldestWaitingSmsToThatNumberFromThatSender() {
		UUID older = sendSms(T0, true);
		UUID newer = sendSms(T0.plusSeconds(10), true);
		assertThat(reply("first reply", 20)).as("the SMS the reply changed").containsExactly(older);
		assertThat(reply("second reply", 30)).containsExactly(newer);

		assertThat(this.view.message(older).orElseThrow().replyText()).isEqualTo("first reply");
		assertThat(this.view.message(newer).orElseThrow().replyText()).isEqualTo("second reply");
	}

	@Test
	void aSmsReadAgainOnReplayTakesOneReply() {
		UUID waiting = sendSms(T0, true);
		this.view.onCommand(new SendSms(waiting, T0, T0.plusSeconds(30), "test", CALLEE, US, "Coming?",
				T0.plus(Duration.ofHours(1))));

		assertThat(reply("yes", 20)).containsExactly(waiting);
		assertThat(reply("yes again", 30)).as("nobody else waits").isEmpty();
		assertThat(this.view.message(waiting).orElseThrow().replyText()).isEqualTo("yes");
	}

	@Test
	void aReplyAfterTheWaitEndedIsNotTheSmsReply() {
		UUID waiting = sendSms(T0, true);

		assertThat(reply("too late", 2 * 3600)).isEmpty();
		assertThat(this.view.message(waiting).orElseThrow().replyText()).isNull();
	}

	@Test
	void aSmsOlderThanTheLookBackTakesNoReply() {
		UUID waiting = UUID.randomUUID();
		this.view.onCommand(new SendSms(waiting, T0, T0.plusSeconds(30), "test", CALLEE, US, "Coming?",
				T0.plus(Duration.ofHours(48))));
		Instant dayLater = T0.plus(Duration.ofHours(25));
		this.view.onCommand(new SendSms(UUID.randomUUID(), dayLater, dayLater.plusSeconds(30), "test", CALLEE, US,
				"Unrelated", null));

		assertThat(reply("after a day", 26 * 3600)).isEmpty();
		assertThat(this.view.unmatchedReplies()).extracting(InboundMessage::text).containsExactly("after a day");
	}

	@Test
	void aReplyNobodyWaitsForIsKept() {
		sendSms(T0, false);
		assertThat(reply("unsolicited", 20)).as("no SMS changed").isEmpty();

		assertThat(this.view.unmatchedReplies()).extracting(InboundMessage::text).containsExactly("unsolicited");
	}

	@Test
	void anEventChangesTheCommandItNames() {
		UUID id = placeCall();

		assertThat(this.view.onEvent(new CommandFailed("f-" + id, id, T0, T0, "provider_rejected", "422", 1, false)))
			.containsExactly(id);
	}

	@Test
	void whatIsOlderThanTheLookBackIsForgotten() {
		UUID old = placeCall();
		UUID sms = sendSms(T0, true);
		Instant dayLater = T0.plus(Duration.ofHours(25));
		UUID recent = UUID.randomUUID();
		this.view.onCommand(new PlaceCall(recent, dayLater, dayLater.plusSeconds(30), "test", CALLEE, US, "Hello", null,
				null, null, null, null));

		assertThat(this.view.callByCommand(old)).isEmpty();
		assertThat(this.view.callByUuid("call-" + old)).isEmpty();
		assertThat(this.view.message(sms)).isEmpty();
		assertThat(this.view.outcome(old)).isEmpty();
		assertThat(this.view.usage("test", dayLater).calls().lastDay()).isEqualTo(1);
		assertThat(this.view.callByCommand(recent)).isPresent();
	}

	@Test
	void aReplyFromAnotherNumberDoesNotMatch() {
		UUID waiting = sendSms(T0, true);
		this.view.onEvent(new InboundMessage("in-x", null, T0.plusSeconds(5), T0.plusSeconds(5), "m-x", "sms",
				"447911123456", US, "wrong person"));

		assertThat(this.view.message(waiting).orElseThrow().replyText()).isNull();
	}

	private UUID placeCall() {
		UUID id = UUID.randomUUID();
		this.view.onCommand(place(id));
		this.view.onEvent(new CommandAccepted("a-" + id, id, T0, T0, "call-" + id, "CON-1", null));
		return id;
	}

	private static PlaceCall place(UUID id) {
		return new PlaceCall(id, T0, T0.plusSeconds(30), "test", CALLEE, US, "Hello", null, null, null, null, null);
	}

	private void status(UUID id, String status, int second) {
		Instant at = T0.plusSeconds(second);
		this.view.onEvent(new CallStatusChanged(status + "-" + id, id, at, at, "call-" + id, "CON-1", status, null,
				null, "outbound", US, CALLEE, null, null, null, null, null, null, null));
	}

	private UUID sendSms(Instant at, boolean awaitReply) {
		UUID id = UUID.randomUUID();
		this.view.onCommand(new SendSms(id, at, at.plusSeconds(30), "test", CALLEE, US, "Coming?",
				awaitReply ? at.plus(Duration.ofHours(1)) : null));
		this.view.onEvent(new CommandAccepted("a-" + id, id, at, at, null, null, "m-" + id));
		return id;
	}

	private List<UUID> reply(String text, int second) {
		Instant at = T0.plusSeconds(second);
		return this.view
			.onEvent(new InboundMessage("in-" + text, null, at, at, "m-in-" + text, "sms", CALLEE, US, text));
	}

}
