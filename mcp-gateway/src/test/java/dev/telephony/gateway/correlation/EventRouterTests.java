package dev.telephony.gateway.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.ViewProperties;
import dev.telephony.gateway.view.Watch;
import dev.telephony.gateway.view.WatchRegistry;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.InboundMessage;
import dev.telephony.schemas.SendSms;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventRouterTests {

	private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TelephonyView view = new TelephonyView(new ViewProperties(Duration.ofHours(24)));

	private final WatchRegistry watches = new WatchRegistry();

	private final EventRouter router = new EventRouter(this.view, this.watches, this.meters);

	@Test
	void aRedeliveredEventIsAppliedOnceAndCounted() {
		UUID id = UUID.randomUUID();
		CallStatusChanged ringing = new CallStatusChanged("same-id", id, T0, T0, "call-1", null, "ringing", null, null,
				null, null, null, null, null, null, null, null, null, null);
		this.router.accept(ringing);
		this.router.accept(ringing);

		assertThat(this.view.callByCommand(id).orElseThrow().history()).hasSize(1);
		assertThat(this.meters.counter("telephony.events.received", "outcome", "routed").count()).isEqualTo(1);
		assertThat(this.meters.counter("telephony.events.received", "outcome", "duplicate").count()).isEqualTo(1);
	}

	@Test
	void theCommandItselfItsOutcomeAndAReplyWakeWhoWatchesTheCommandOnceApplied() throws InterruptedException {
		UUID id = UUID.randomUUID();
		try (Watch watch = this.watches.watch(id); Watch other = this.watches.watch(UUID.randomUUID())) {
			this.router.accept(new SendSms(id, T0, T0.plusSeconds(30), "test", "14155550111", "14155550100", "Coming?",
					T0.plus(Duration.ofHours(1))));
			assertThat(watch.awaitChange(Duration.ZERO)).as("woken by its command").isTrue();
			assertThat(this.view.message(id)).as("applied before the wake-up").isPresent();

			this.router.accept(new CommandAccepted("a-" + id, id, T0, T0, null, null, "m-1"));
			assertThat(watch.awaitChange(Duration.ZERO)).as("woken by its outcome").isTrue();

			this.router.accept(new InboundMessage("in-1", null, T0.plusSeconds(5), T0.plusSeconds(5), "m-in", "sms",
					"14155550111", "14155550100", "yes"));
			assertThat(watch.awaitChange(Duration.ZERO)).as("woken by the reply, which names no command").isTrue();
			assertThat(other.awaitChange(Duration.ZERO)).as("nothing changed for another command").isFalse();
		}
	}

}
