package dev.telephony.gateway.correlation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.ViewProperties;
import dev.telephony.gateway.view.Watch;
import dev.telephony.gateway.view.WatchRegistry;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.PlaceCall;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationMetricsTests {

	private static final Instant PLACED = Instant.parse("2026-11-24T12:00:00Z");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TelephonyView view = new TelephonyView(new ViewProperties(Duration.ofHours(24)));

	private final WatchRegistry watches = new WatchRegistry();

	@Test
	void aWebhookThatWakesAWaitingToolIsTimedFromIngestsReceiptAndTheAnswerFromTheRequest() {
		UUID id = placeCall();
		Instant answered = PLACED.plusSeconds(5);
		Instant ingested = answered.plusMillis(10);
		CorrelationMetrics metrics = new CorrelationMetrics(this.view, this.meters,
				Clock.fixed(ingested.plusMillis(7), ZoneOffset.UTC));

		CallStatusChanged event = status(id, "answered", answered, ingested);
		try (Watch waiting = this.watches.watch(id)) {
			metrics.applied(event, this.watches.wake(this.view.onEvent(event)));
		}

		var correlation = this.meters.get("telephony.correlation.latency")
			.tag("event.type", event.cloudEventType())
			.timer();
		assertThat(correlation.count()).isEqualTo(1);
		assertThat(this.meters.find("telephony.correlation.latency").timers()).as("no series of its own").hasSize(4);
		assertThat(correlation.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7);
		assertThat(this.meters.get("telephony.calls.answer.time").timer().totalTime(TimeUnit.MILLISECONDS))
			.isEqualTo(5_000);
	}

	@Test
	void eventsNobodyWaitsForAndReplayedEventsAreNotCorrelations() {
		UUID id = placeCall();
		Instant ingested = PLACED.plusSeconds(5);
		CorrelationMetrics live = new CorrelationMetrics(this.view, this.meters,
				Clock.fixed(ingested.plusMillis(3), ZoneOffset.UTC));
		CallStatusChanged ringing = status(id, "ringing", ingested, ingested);
		live.applied(ringing, this.watches.wake(this.view.onEvent(ringing)));

		CorrelationMetrics replaying = new CorrelationMetrics(this.view, this.meters,
				Clock.fixed(ingested.plus(Duration.ofHours(3)), ZoneOffset.UTC));
		try (Watch waiting = this.watches.watch(id)) {
			CallStatusChanged answered = status(id, "answered", ingested, ingested);
			replaying.applied(answered, this.watches.wake(this.view.onEvent(answered)));
		}

		assertThat(this.meters.find("telephony.correlation.latency").timers())
			.allSatisfy((timer) -> assertThat(timer.count()).isZero());
		assertThat(this.meters.get("telephony.calls.answer.time").timer().count()).isZero();
	}

	private UUID placeCall() {
		UUID id = UUID.randomUUID();
		this.view.onCommand(new PlaceCall(id, PLACED, PLACED.plusSeconds(30), "test", "447911123456", "14155550100",
				"Hello", null, null, null, null, null));
		return id;
	}

	private static CallStatusChanged status(UUID id, String status, Instant at, Instant receivedAt) {
		return new CallStatusChanged(status + "-" + id, id, at, receivedAt, "call-" + id, "CON-1", status, null, null,
				"outbound", "14155550100", "447911123456", null, null, null, null, null, null, null);
	}

}
