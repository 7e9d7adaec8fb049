package dev.telephony.gateway.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.ViewProperties;
import dev.telephony.schemas.CallStatusChanged;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventRouterTests {

	private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TelephonyView view = new TelephonyView(new ViewProperties(Duration.ofHours(24)));

	private final EventRouter router = new EventRouter(this.view, this.meters);

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

}
