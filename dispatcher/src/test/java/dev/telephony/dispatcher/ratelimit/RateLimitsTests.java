package dev.telephony.dispatcher.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.telephony.dispatcher.system.DispatcherProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The global schedule, on a simulated clock: dispatchers that keep asking, as fast as
 * allowed.
 */
class RateLimitsTests {

	private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-24T00:00:00.123Z"));

	@Test
	void unevenSharesNeverExceedTheGlobalRateInAnyWindowAndUseNearlyAllOfIt() {
		// Two dispatchers, one of them owning four of six partitions: each would be
		// allowed 2/s and
		// 1/s by its own bucket, and could still meet the other in one second.
		RateLimits big = rateLimits(Set.of(0, 1, 2, 3));
		RateLimits small = rateLimits(Set.of(4, 5));
		List<Instant> granted = new ArrayList<>();
		Instant end = this.clock.instant().plusSeconds(60);
		while (this.clock.instant().isBefore(end)) {
			for (RateLimits dispatcher : List.of(big, small)) {
				RateLimits.Permit permit = dispatcher.reserve(Operation.CREATE_CALL);
				if (permit.granted()) {
					// Sent when its slot starts, as the dispatcher holds it until then.
					granted.add(this.clock.instant().plus(permit.delay()));
				}
			}
			this.clock.advance(Duration.ofMillis(37));
		}

		for (Instant start : granted) {
			assertThat(granted.stream().filter((t) -> !t.isBefore(start) && t.isBefore(start.plusSeconds(1))).count())
				.as("calls in the second from %s", start)
				.isLessThanOrEqualTo(3);
		}
		assertThat(granted.size() / 60.0).as("calls per second").isGreaterThan(3 * 0.97);
	}

	@Test
	void aProcessTakesTheShareOfItsPartitions() {
		RateLimits oneOfSix = rateLimits(Set.of(2));
		int granted = 0;
		for (int step = 0; step < 60_000; step += 5) {
			if (oneOfSix.reserve(Operation.SEND_MESSAGE).granted()) {
				granted++;
			}
			this.clock.advance(Duration.ofMillis(5));
		}
		assertThat(granted / 60.0).isBetween(30 / 6.0 * 0.97, 30 / 6.0);
	}

	@Test
	void aSlotFarAwayIsNotReservedSoThePartitionIsPausedInstead() {
		RateLimits oneOfSix = rateLimits(Set.of(0));
		oneOfSix.reserve(Operation.CREATE_CALL);
		RateLimits.Permit second = oneOfSix.reserve(Operation.CREATE_CALL);
		assertThat(second.granted()).isFalse();
		assertThat(second.delay()).isPositive();
	}

	@Test
	void withoutPartitionsNothingIsSent() {
		assertThat(rateLimits(Set.of()).reserve(Operation.CREATE_CALL).granted()).isFalse();
	}

	@Test
	void aProvider429HoldsTheProcessBack() {
		RateLimits all = rateLimits(Set.of(0, 1, 2, 3, 4, 5));
		all.rateLimitedByProvider(Operation.CREATE_CALL, Duration.ofSeconds(2));
		RateLimits.Permit permit = all.reserve(Operation.CREATE_CALL);
		assertThat(permit.granted()).isFalse();
	}

	private RateLimits rateLimits(Set<Integer> partitions) {
		RateLimits limits = new RateLimits(
				new DispatcherProperties(new DispatcherProperties.RateLimits(3, 30),
						new DispatcherProperties.Retry(Duration.ofMillis(500), Duration.ofSeconds(10))),
				new SimpleMeterRegistry(), this.clock);
		limits.share(partitions, 6);
		return limits;
	}

	private static final class SteppingClock extends Clock {

		private Instant now;

		SteppingClock(Instant start) {
			this.now = start;
		}

		void advance(Duration step) {
			this.now = this.now.plus(step);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
