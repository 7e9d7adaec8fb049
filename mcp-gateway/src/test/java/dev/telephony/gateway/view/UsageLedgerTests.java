package dev.telephony.gateway.view;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Counts kept as commands come, so that reading them does not walk them. */
class UsageLedgerTests {

	private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

	private static final Duration NANO = Duration.ofNanos(1);

	private final UsageLedger ledger = new UsageLedger();

	@Test
	void aWindowHoldsWhatIsYoungerThanItsLengthAndNotWhatIsExactlyThatOld() {
		for (Duration window : List.of(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1))) {
			this.ledger.messageSent(UUID.randomUUID(), "alice", NOW.minus(window));
			this.ledger.messageSent(UUID.randomUUID(), "alice", NOW.minus(window).plus(NANO));
		}

		assertThat(this.ledger.usage("alice", NOW).messages()).isEqualTo(new Usage.Window(1, 3, 5));
		assertThat(this.ledger.usage("alice", NOW.plus(NANO)).messages()).as("a nanosecond later")
			.isEqualTo(new Usage.Window(0, 2, 4));
		assertThat(this.ledger.usage("alice", NOW.minus(NANO)).messages()).as("a nanosecond earlier")
			.isEqualTo(new Usage.Window(2, 4, 6));
		assertThat(this.ledger.usage("alice", NOW).calls()).isEqualTo(new Usage.Window(0, 0, 0));
		assertThat(this.ledger.usage("bob", NOW).messages()).isEqualTo(new Usage.Window(0, 0, 0));
	}

	@Test
	void commandsReadOutOfOrderOrTwiceAreCountedOnceWhereTheyBelong() {
		UUID late = UUID.randomUUID();
		this.ledger.callPlaced(UUID.randomUUID(), "alice", NOW.minusSeconds(10));
		this.ledger.callPlaced(late, "alice", NOW.minus(Duration.ofMinutes(30)));
		this.ledger.callPlaced(UUID.randomUUID(), "alice", NOW.minus(Duration.ofHours(3)));
		this.ledger.callPlaced(late, "alice", NOW.minus(Duration.ofMinutes(30)));

		assertThat(this.ledger.usage("alice", NOW).calls()).isEqualTo(new Usage.Window(1, 2, 3));
		assertThat(this.ledger.usage("alice", NOW).liveCalls()).isEqualTo(2);
		assertThat(this.ledger.counted("alice", late)).isTrue();
		assertThat(this.ledger.counted("bob", late)).isFalse();
	}

	@Test
	void aCommandThatNamesNoClientIsCountedOnceAndForNoOne() {
		UUID anonymous = UUID.randomUUID();
		this.ledger.messageSent(anonymous, null, NOW);
		this.ledger.messageSent(anonymous, null, NOW);
		this.ledger.callPlaced(UUID.randomUUID(), null, NOW);

		assertThat(this.ledger.usage(null, NOW).messages().lastMinute()).isEqualTo(1);
		assertThat(this.ledger.counted(null, anonymous)).isTrue();
		assertThat(this.ledger.counted(null, UUID.randomUUID())).isFalse();
		assertThat(this.ledger.counted("alice", anonymous)).isFalse();
	}

	@Test
	void aLiveCallEndsWhenToldOrTwoHoursAfterItWasPlaced() {
		UUID ended = UUID.randomUUID();
		this.ledger.callPlaced(ended, "alice", NOW.minusSeconds(30));
		this.ledger.callPlaced(UUID.randomUUID(), "alice", NOW.minus(UsageLedger.LONGEST_CALL));
		this.ledger.callPlaced(UUID.randomUUID(), "alice", NOW.minus(UsageLedger.LONGEST_CALL).plus(NANO));
		this.ledger.callPlaced(UUID.randomUUID(), "bob", NOW.minusSeconds(5));
		assertThat(this.ledger.usage("alice", NOW).liveCalls()).isEqualTo(2);

		this.ledger.callEnded(ended);
		this.ledger.callEnded(ended);
		this.ledger.callEnded(UUID.randomUUID());
		assertThat(this.ledger.usage("alice", NOW).liveCalls()).isEqualTo(1);
		assertThat(this.ledger.usage("alice", NOW.plus(NANO)).liveCalls()).as("two hours on, not yet pruned").isZero();
		assertThat(this.ledger.usage("bob", NOW).liveCalls()).isEqualTo(1);
		assertThat(this.ledger.usage("alice", NOW).calls().lastDay()).as("an ended call still counts as placed")
			.isEqualTo(3);

		this.ledger.prune(NOW.plusSeconds(1), NOW.minus(Duration.ofDays(1)));
		assertThat(this.ledger.usage("alice", NOW).liveCalls()).as("pruned").isZero();
		assertThat(this.ledger.usage("bob", NOW).liveCalls()).isEqualTo(1);
		UUID again = UUID.randomUUID();
		this.ledger.callPlaced(again, "alice", NOW);
		assertThat(this.ledger.usage("alice", NOW).liveCalls()).isEqualTo(1);
		this.ledger.callEnded(again);
		assertThat(this.ledger.usage("alice", NOW).liveCalls()).isZero();
	}

	@Test
	void pruningForgetsWhatIsOlderThanTheHorizonAndNothingElse() {
		UUID old = UUID.randomUUID();
		UUID kept = UUID.randomUUID();
		this.ledger.messageSent(old, "alice", NOW.minus(Duration.ofHours(25)));
		this.ledger.messageSent(kept, "alice", NOW.minus(Duration.ofHours(24)));
		this.ledger.callPlaced(UUID.randomUUID(), "bob", NOW.minus(Duration.ofHours(30)));

		this.ledger.prune(NOW, NOW.minus(Duration.ofHours(24)));

		assertThat(this.ledger.counted("alice", old)).isFalse();
		assertThat(this.ledger.counted("alice", kept)).isTrue();
		assertThat(this.ledger.usage("alice", NOW.minus(Duration.ofHours(2))).messages().lastDay()).isEqualTo(1);
		assertThat(this.ledger.usage("bob", NOW.minus(Duration.ofHours(10))).calls().lastDay()).isZero();
	}

	@Test
	void countsAgreeWithCountingEveryCommandThroughGrowthAndPruning() {
		Random random = new Random(18);
		List<Instant> created = new ArrayList<>();
		Instant now = NOW;
		for (int round = 0; round < 20; round++) {
			for (int i = 0; i < 500; i++) {
				// Mostly in order, some late by up to an hour, as several replicas write.
				Instant at = now.minusSeconds((random.nextInt(10) == 0) ? random.nextInt(3_600) : random.nextInt(5));
				this.ledger.messageSent(UUID.randomUUID(), "alice", at);
				created.add(at);
				now = now.plusSeconds(random.nextInt(60));
			}
			Instant horizon = now.minus(Duration.ofHours(20));
			this.ledger.prune(now, horizon);
			created.removeIf((at) -> at.isBefore(horizon));
			for (Instant asked : List.of(now, now.minusSeconds(random.nextInt(7_200)))) {
				assertThat(this.ledger.usage("alice", asked).messages())
					.isEqualTo(new Usage.Window(countAfter(created, asked.minus(Duration.ofMinutes(1))),
							countAfter(created, asked.minus(Duration.ofHours(1))),
							countAfter(created, asked.minus(Duration.ofDays(1)))));
			}
		}
	}

	private static int countAfter(List<Instant> created, Instant cutoff) {
		return (int) created.stream().filter((at) -> at.isAfter(cutoff)).count();
	}

}
