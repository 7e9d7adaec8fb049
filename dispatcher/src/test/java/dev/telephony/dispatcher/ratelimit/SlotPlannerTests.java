package dev.telephony.dispatcher.ratelimit;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;

import dev.telephony.schemas.RateSlotClaim;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of its won slots a member hands to which request. */
class SlotPlannerTests {

	private static final long MS = 1_000_000L;

	private static final long SECOND = 1_000 * MS;

	private static final Operation MESSAGES = Operation.SEND_MESSAGE;

	private final SlotGeometry geometry = new SlotGeometry(
			new RateLimitProperties(3, 30, Duration.ofMillis(10), Duration.ofMillis(10)));

	private final SlotBook book = new SlotBook(this.geometry, 3 * SECOND);

	private final SlotPlanner planner = new SlotPlanner(this.geometry, this.book, SECOND, "me");

	/** The start of a slot, so that times below are exact. */
	private final long now = this.geometry.startOf(MESSAGES, this.geometry.slotAt(MESSAGES, 1_764_000_000L * SECOND));

	private final long first = this.geometry.slotAt(MESSAGES, this.now);

	@Test
	void aReadyRequestTakesASoonerSpareAndLeavesItsOwnSlotToTheNext() {
		winAsSpares(this.first + 1, this.first + 2);

		OptionalLong sooner = this.planner.swapForSooner(MESSAGES, this.now, this.first + 5);

		assertThat(sooner).hasValue(this.first + 1);
		assertThat(this.planner.takeSpare(MESSAGES, this.now, 0)).hasValue(this.first + 2);
		assertThat(this.planner.takeSpare(MESSAGES, this.now, 0)).hasValue(this.first + 5);
		assertThat(this.planner.takeSpare(MESSAGES, this.now, 0)).isEmpty();
	}

	@Test
	void aRequestHoldingTheSoonestSlotKeepsIt() {
		winAsSpares(this.first + 3);

		assertThat(this.planner.swapForSooner(MESSAGES, this.now, this.first + 2)).isEmpty();
		assertThat(this.planner.takeSpare(MESSAGES, this.now, 0)).hasValue(this.first + 3);
	}

	@Test
	void aSpareTooSoonForARequestBeingPreparedIsKeptForOneThatIsReady() {
		winAsSpares(this.first + 1);
		long width = this.geometry.width(MESSAGES);

		// Two slots' preparation ahead: the spare starts too soon for this request.
		assertThat(this.planner.takeSpare(MESSAGES, this.now, 2 * width)).isEmpty();

		assertThat(this.planner.swapForSooner(MESSAGES, this.now, this.first + 4)).hasValue(this.first + 1);
	}

	@Test
	void aSpareWhoseSendWindowHasPassedIsNeverHandedOut() {
		winAsSpares(this.first + 1, this.first + 2);
		long startOfSecond = this.geometry.startOf(MESSAGES, this.first + 1);
		long margin = this.geometry.sendMarginNanos();

		// Within the margin after its start, the spare can still be made...
		assertThat(this.planner.takeMakeable(MESSAGES, startOfSecond + margin)).hasValue(this.first + 1);
		// ...past it, it cannot.
		long startOfThird = this.geometry.startOf(MESSAGES, this.first + 2);
		assertThat(this.planner.takeMakeable(MESSAGES, startOfThird + margin + 1)).isEmpty();
		assertThat(this.planner.swapForSooner(MESSAGES, startOfThird + margin + 1, this.first + 9)).isEmpty();
	}

	@Test
	void aSpareTheProviderClosedIsNeverHandedOut() {
		winAsSpares(this.first + 1, this.first + 2);
		this.book.apply(new RateSlotClaim(SlotBook.PROVIDER, MESSAGES.tag(), List.of(this.first + 1),
				this.geometry.width(MESSAGES)), this.now);

		assertThat(this.planner.swapForSooner(MESSAGES, this.now, this.first + 5)).hasValue(this.first + 2);
	}

	@Test
	void atLowLoadARequestTakesTheSlotUnderWayWithItsShadowAndMaySendUntilItsEnd() {
		long width = this.geometry.width(MESSAGES);
		long lead = width / 2;

		SlotPlanner.Block block = this.planner.pickShadowed(MESSAGES, this.now, lead).orElseThrow();

		assertThat(block.slots()).containsExactly(this.first, this.first + 30);
		assertThat(settle(block, "me")).hasValue(this.first);
		assertThat(this.planner.earliestSendNanos(MESSAGES, this.first)).isEqualTo(this.now);
		assertThat(this.planner.sendByNanos(MESSAGES, this.first))
			.isEqualTo(this.now + width + this.geometry.sendMarginNanos());
		assertThat(this.planner.takeSpare(MESSAGES, this.now, 0)).as("the shadow is never handed out").isEmpty();
	}

	@Test
	void aSlotWhoseShadowWasLostIsAnOrdinaryOne() {
		SlotPlanner.Block block = this.planner.pickShadowed(MESSAGES, this.now, 0).orElseThrow();
		this.book.apply(
				new RateSlotClaim("other", MESSAGES.tag(), List.of(this.first + 30), this.geometry.width(MESSAGES)),
				this.now);

		assertThat(settle(block, "me")).hasValue(this.first);
		assertThat(this.planner.sendByNanos(MESSAGES, this.first))
			.isEqualTo(this.now + this.geometry.sendMarginNanos());
	}

	@Test
	void aMemberThatKeepsSendingOrABusyBookGetsNoShadow() {
		this.planner.sent(MESSAGES, this.first - 1, this.now);
		assertThat(this.planner.pickShadowed(MESSAGES, this.now, MS)).as("keeps sending").isEmpty();

		SlotPlanner idle = new SlotPlanner(this.geometry, this.book, SECOND, "idle");
		// 31 of the 61 slots around the one under way, which is free itself.
		List<Long> taken = LongStream
			.concat(LongStream.range(this.first - 30, this.first), LongStream.of(this.first + 9))
			.boxed()
			.toList();
		this.book.apply(new RateSlotClaim("other", MESSAGES.tag(), taken, this.geometry.width(MESSAGES)), this.now);
		assertThat(idle.pickShadowed(MESSAGES, this.now, MS)).as("more than half the slots around taken").isEmpty();
	}

	@Test
	void aShadowServesAgainASecondAfterItsSlotsRequestWasSent() {
		long width = this.geometry.width(MESSAGES);
		settle(this.planner.pickShadowed(MESSAGES, this.now, 0).orElseThrow(), "me");
		long sentAt = this.now + width / 2;
		this.planner.sent(MESSAGES, this.first, sentAt);

		// A second later, the request is ready inside the old shadow.
		long later = this.geometry.startOf(MESSAGES, this.first + 30);
		SlotPlanner.Block block = this.planner.pickShadowed(MESSAGES, later, 0).orElseThrow();

		assertThat(block.slots()).containsExactly(this.first + 30, this.first + 60);
		assertThat(settle(block, "me")).hasValue(this.first + 30);
		assertThat(this.planner.earliestSendNanos(MESSAGES, this.first + 30))
			.isEqualTo(sentAt + SECOND + this.geometry.transitMarginNanos());
	}

	private OptionalLong settle(SlotPlanner.Block block, String member) {
		this.book.apply(new RateSlotClaim(member, MESSAGES.tag(), block.slots(), this.geometry.width(MESSAGES)),
				this.now);
		return this.planner.settled(MESSAGES, block, true);
	}

	private void winAsSpares(long... slots) {
		List<Long> won = Arrays.stream(slots).boxed().toList();
		this.book.apply(new RateSlotClaim("me", MESSAGES.tag(), won, this.geometry.width(MESSAGES)), this.now);
		this.planner.settled(MESSAGES, new SlotPlanner.Block(won), false);
	}

}
