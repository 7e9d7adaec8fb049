package dev.telephony.gateway.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.ViewProperties;
import dev.telephony.schemas.HangupCall;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandGuardTests {

	private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TelephonyView view = new TelephonyView(new ViewProperties(Duration.ofHours(24)));

	private final CommandGuard guard = guard();

	@Test
	void everyRefusalIsCountedAtZeroFromTheStartAndARefusalCountsInItsSeries() {
		int series = this.meters.find("telephony.commands.refused").counters().size();
		assertThat(series).as("3 policy and 2 quota refusals of calls, 3 and 1 of messages, 1 of hang-ups, 1 of turns")
			.isEqualTo(11);
		assertThat(this.meters.find("telephony.commands.refused").counters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());

		assertThatThrownBy(() -> this.guard
			.admit(new HangupCall(UUID.randomUUID(), NOW, NOW.plusSeconds(30), "test", null, null, "no-such-call")))
			.isInstanceOf(CommandRefusedException.class);

		assertThat(this.meters.find("telephony.commands.refused").counters()).as("no series of its own")
			.hasSize(series);
		assertThat(this.meters.get("telephony.commands.refused")
			.tags("command.type", "telephony.command.hangup-call.v1", "reason", "unknown_call")
			.counter()
			.count()).isEqualTo(1);
	}

	private CommandGuard guard() {
		PolicyProperties properties = new PolicyProperties(List.of(), List.of(), Set.of(),
				DestinationPolicyTests.quotas(), Map.of());
		return new CommandGuard(new DestinationPolicy(properties), new QuotaCheck(this.view, properties), this.view,
				this.meters);
	}

}
