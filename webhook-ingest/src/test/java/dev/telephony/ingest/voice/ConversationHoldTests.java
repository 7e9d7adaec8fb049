package dev.telephony.ingest.voice;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import dev.telephony.ingest.publishing.RawWebhook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The hold's arithmetic on a fixed clock: rounds never listen past the idle limit. */
class ConversationHoldTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:20:00Z");

	private static final URI EVENT_URL = URI.create("https://hooks.example/webhooks/voice/event?cid=c1&conv=1");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aWebhookWithoutTheConversationMarkGetsNoHold() {
		assertThat(ConversationHold.of(webhook("cid=c1"), EVENT_URL, NOW)).isNull();
	}

	@Test
	void theFirstRoundStartsTheHoldNowAndListensAtMostAMinute() {
		ConversationHold hold = ConversationHold.of(webhook("conv=1&idle=300"), EVENT_URL, NOW);

		assertThat(hold.heldSinceForEvent()).isNull();
		assertThat(hold.expiredAt(NOW.plusSeconds(3600))).isFalse();
		JsonNode round = this.json.readTree(hold.holdScript(this.json, NOW)).get(0);
		assertThat(round.path("speech").path("startTimeout").asInt()).isEqualTo(60);
		assertThat(round.path("eventUrl").get(0).asString()).endsWith("held=" + NOW.toEpochMilli());
	}

	@Test
	void aLaterRoundListensOnlyForWhatIsLeftOfTheIdleLimit() {
		long held = NOW.minusSeconds(100).toEpochMilli();
		ConversationHold hold = ConversationHold.of(webhook("conv=1&idle=120&held=" + held), EVENT_URL, NOW);

		assertThat(hold.heldSinceForEvent()).isEqualTo(Instant.ofEpochMilli(held));
		assertThat(hold.expiredAt(NOW)).isFalse();
		assertThat(hold.expiredAt(NOW.plusSeconds(20))).isTrue();
		JsonNode round = this.json.readTree(hold.holdScript(this.json, NOW)).get(0);
		assertThat(round.path("speech").path("startTimeout").asInt()).isEqualTo(20);
	}

	@Test
	void idleLimitsAreClampedAndTheDefaultIsTwoMinutes() {
		long held = NOW.minusSeconds(119).toEpochMilli();
		assertThat(ConversationHold.of(webhook("conv=1&held=" + held), EVENT_URL, NOW).expiredAt(NOW)).isFalse();
		assertThat(ConversationHold.of(webhook("conv=1&held=" + held), EVENT_URL, NOW).expiredAt(NOW.plusSeconds(1)))
			.isTrue();
		long recent = NOW.minusSeconds(4).toEpochMilli();
		assertThat(ConversationHold.of(webhook("conv=1&idle=1&held=" + recent), EVENT_URL, NOW).expiredAt(NOW))
			.isFalse();
		assertThat(ConversationHold.of(webhook("conv=1&idle=1&held=" + recent), EVENT_URL, NOW)
			.expiredAt(NOW.plusSeconds(1))).isTrue();
	}

	@Test
	void aHoldThatClaimsToStartInTheFutureStartsNow() {
		long future = NOW.plusSeconds(3600).toEpochMilli();
		ConversationHold hold = ConversationHold.of(webhook("conv=1&held=" + future), EVENT_URL, NOW);

		assertThat(hold.heldSinceForEvent()).isNull();
		assertThat(this.json.readTree(hold.holdScript(this.json, NOW)).get(0).path("eventUrl").get(0).asString())
			.endsWith("held=" + NOW.toEpochMilli());
	}

	@Test
	void theGoodbyeIsATalkWithNothingAfterItAndTheEndIsTiedToTheHold() {
		long held = NOW.minusSeconds(200).toEpochMilli();
		ConversationHold hold = ConversationHold.of(webhook("conv=1&lang=de-DE&held=" + held), EVENT_URL, NOW);
		UUID commandId = UUID.randomUUID();

		JsonNode script = this.json.readTree(hold.goodbyeScript(this.json, "Auf Wiederhören."));
		assertThat(script).hasSize(1);
		assertThat(script.get(0).path("action").asString()).isEqualTo("talk");
		assertThat(script.get(0).path("language").asString()).isEqualTo("de-DE");
		var ended = hold.ended("call-1", commandId, "Auf Wiederhören.", NOW);
		assertThat(ended.heldSince()).isEqualTo(Instant.ofEpochMilli(held));
		assertThat(ended.eventId())
			.isEqualTo(hold.ended("call-1", commandId, "Auf Wiederhören.", NOW.plusSeconds(5)).eventId());
	}

	private static RawWebhook webhook(String query) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/voice/event");
		request.setQueryString(query);
		for (String pair : query.split("&")) {
			String[] nameAndValue = pair.split("=", 2);
			request.addParameter(nameAndValue[0], nameAndValue[1]);
		}
		request.setContentType("application/json");
		request.setContent("{}".getBytes());
		return RawWebhook.read("voice-event", request, 65536);
	}

}
