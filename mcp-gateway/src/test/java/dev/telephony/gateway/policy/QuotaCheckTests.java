package dev.telephony.gateway.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.ViewProperties;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.CommandFailed;
import dev.telephony.schemas.PlaceCall;
import dev.telephony.schemas.SendSms;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quotas counted from the view, as every gateway instance sees the command topic. */
class QuotaCheckTests {

	private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

	private static final String CALLEE = "447700900123";

	private final TelephonyView view = new TelephonyView(new ViewProperties(Duration.ofHours(24)));

	@Test
	void eachWindowCountsOnlyItsOwnCommandsAndOnlyItsOwnClient() {
		QuotaCheck quotas = quotas(new PolicyProperties.Quotas(3, 5, 6, 0, 0, 0, 0));
		sms("alice", NOW.minus(Duration.ofHours(23)));
		sms("alice", NOW.minus(Duration.ofMinutes(30)));
		sms("alice", NOW.minus(Duration.ofMinutes(50)));
		sms("alice", NOW.minusSeconds(10));
		sms("bob", NOW.minusSeconds(5));

		assertThat(this.view.usage("alice", NOW).messages().lastMinute()).isEqualTo(1);
		assertThat(this.view.usage("alice", NOW).messages().lastHour()).isEqualTo(3);
		assertThat(this.view.usage("alice", NOW).messages().lastDay()).isEqualTo(4);
		QuotaCheck messageLimits = quotas(new PolicyProperties.Quotas(0, 0, 0, 3, 4, 10, 0));
		messageLimits.reserve("alice", UUID.randomUUID(), false, NOW);
		assertThatThrownBy(() -> messageLimits.reserve("alice", UUID.randomUUID(), false, NOW))
			.hasMessage("Quota reached: 4 SMS in the last hour, and the limit is 4 per hour. Nothing was sent; try"
					+ " again in an hour.");
		assertThatCode(() -> messageLimits.reserve("bob", UUID.randomUUID(), false, NOW)).doesNotThrowAnyException();
		assertThatCode(() -> quotas.reserve("alice", UUID.randomUUID(), true, NOW)).as("calls are counted apart")
			.doesNotThrowAnyException();
	}

	@Test
	void reservationsCountUntilTheViewHasTheCommandAndAreReleasedWhenNotPublished() {
		QuotaCheck quotas = quotas(new PolicyProperties.Quotas(0, 0, 0, 2, 0, 0, 0));
		UUID first = UUID.randomUUID();
		quotas.reserve("alice", first, false, NOW);
		Runnable release = quotas.reserve("alice", UUID.randomUUID(), false, NOW);
		assertThatThrownBy(() -> quotas.reserve("alice", UUID.randomUUID(), false, NOW))
			.isInstanceOf(CommandRefusedException.class);

		release.run();
		// The first command reaches the view: it is counted once, not as a reservation
		// too.
		this.view.onCommand(new SendSms(first, NOW, NOW.plusSeconds(30), "alice", CALLEE, "14155550100", "hi", null));
		assertThatCode(() -> quotas.reserve("alice", UUID.randomUUID(), false, NOW)).doesNotThrowAnyException();
		assertThatThrownBy(() -> quotas.reserve("alice", UUID.randomUUID(), false, NOW))
			.hasMessageStartingWith("Quota reached: 2 SMS in the last minute");
	}

	@Test
	void liveCallsEndWithATerminalStatusOrAFailedCommand() {
		QuotaCheck quotas = quotas(new PolicyProperties.Quotas(0, 0, 0, 0, 0, 0, 2));
		UUID answered = call("alice", NOW.minusSeconds(20));
		UUID failed = call("alice", NOW.minusSeconds(10));
		call("alice", NOW.minus(Duration.ofHours(3)));
		assertThat(this.view.usage("alice", NOW).liveCalls()).as("a call from 3 h ago has ended, heard of or not")
			.isEqualTo(2);
		assertThatThrownBy(() -> quotas.reserve("alice", UUID.randomUUID(), true, NOW))
			.hasMessageStartingWith("Client 'alice' already has 2 calls in progress")
			.extracting((ex) -> ((CommandRefusedException) ex).reason())
			.isEqualTo("live_calls_exceeded");

		this.view.onEvent(new CommandFailed("f-" + failed, failed, NOW, NOW, "provider_rejected", "422", 1, false));
		this.view.onEvent(new CallStatusChanged("s-" + answered, answered, NOW, NOW, "call-1", "CON-1", "completed",
				null, null, "outbound", "14155550100", CALLEE, null, null, null, null, null, null, null));

		assertThat(this.view.usage("alice", NOW).liveCalls()).isZero();
	}

	private QuotaCheck quotas(PolicyProperties.Quotas quotas) {
		return new QuotaCheck(this.view, new PolicyProperties(List.of(), List.of(), Set.of(), quotas, Map.of()));
	}

	private void sms(String client, Instant at) {
		this.view.onCommand(
				new SendSms(UUID.randomUUID(), at, at.plusSeconds(30), client, CALLEE, "14155550100", "hi", null));
	}

	private UUID call(String client, Instant at) {
		UUID id = UUID.randomUUID();
		this.view.onCommand(new PlaceCall(id, at, at.plusSeconds(30), client, CALLEE, "14155550100", "Hello", null,
				null, null, null, null));
		return id;
	}

}
