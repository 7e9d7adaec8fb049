package dev.telephony.dispatcher.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import dev.telephony.schemas.RateSlotClaim;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules every dispatcher applies to the claims, in topic order. */
class SlotBookTests {

	private static final long SECOND = 1_000_000_000L;

	private static final long HORIZON = 3 * SECOND;

	private static final long NOW = 1_764_000_000L * SECOND;

	private final SlotGeometry geometry = new SlotGeometry(
			new RateLimitProperties(3, 30, Duration.ofMillis(10), Duration.ofMillis(10)));

	private final long width = this.geometry.width(Operation.CREATE_CALL);

	private final long slot = this.geometry.slotAt(Operation.CREATE_CALL, NOW) + 1;

	@Test
	void theFirstClaimOnAFreeSlotWinsItForGood() {
		SlotBook book = new SlotBook(this.geometry, HORIZON);

		assertThat(book.apply(claim("a", this.slot, 1), NOW)).containsExactly(this.slot);
		assertThat(book.apply(claim("b", this.slot, 2), NOW)).containsExactly(this.slot + 1);

		assertThat(book.isOwnedBy(Operation.CREATE_CALL, this.slot, "a")).isTrue();
		assertThat(book.isOwnedBy(Operation.CREATE_CALL, this.slot, "b")).isFalse();
		assertThat(book.isFree(Operation.SEND_MESSAGE, this.slot)).as("another operation's slot").isTrue();
	}

	@Test
	void aClaimMadeWithAnotherSlotLengthIsVoid() {
		SlotBook book = new SlotBook(this.geometry, HORIZON);

		assertThat(book.apply(new RateSlotClaim("a", "create_call", List.of(this.slot), this.width + 1), NOW))
			.isEmpty();
		assertThat(book.apply(new RateSlotClaim("a", "unknown_operation", List.of(this.slot), this.width), NOW))
			.isEmpty();
		assertThat(book.isFree(Operation.CREATE_CALL, this.slot)).isTrue();
	}

	@Test
	void aClaimWinsNothingBeyondTheHorizonOfItsAppend() {
		SlotBook book = new SlotBook(this.geometry, HORIZON);
		long far = this.geometry.slotAt(Operation.CREATE_CALL, NOW + HORIZON) + 1;

		assertThat(book.apply(claim("a", far - 1, 2), NOW)).containsExactly(far - 1);
		assertThat(book.isFree(Operation.CREATE_CALL, far)).isTrue();
	}

	@Test
	void theProvidersPauseClosesSlotsAlreadyOwned() {
		SlotBook book = new SlotBook(this.geometry, HORIZON);
		book.apply(claim("a", this.slot, 1), NOW);

		book.apply(claim(SlotBook.PROVIDER, this.slot - 1, 3), NOW);

		assertThat(book.isClosed(Operation.CREATE_CALL, this.slot)).isTrue();
		assertThat(book.isClosed(Operation.CREATE_CALL, this.slot + 1)).isTrue();
		assertThat(book.isFree(Operation.CREATE_CALL, this.slot + 1)).isFalse();
		assertThat(book.isClosed(Operation.CREATE_CALL, this.slot + 2)).isFalse();
	}

	@Test
	void aDispatcherThatReadsFromAMinuteBackAgreesOnEverySlotItCanStillUse() {
		// Two minutes of random claims, some reaching far ahead, by three members.
		Random random = new Random(42);
		List<RateSlotClaim> claims = new ArrayList<>();
		List<Long> appended = new ArrayList<>();
		for (long at = NOW; at < NOW + 120 * SECOND; at += random.nextInt(50_000_000)) {
			// Some reach far past the horizon: they must win nothing there.
			long first = this.geometry.slotAt(Operation.CREATE_CALL, at) + random.nextInt(400);
			claims.add(claim("m" + random.nextInt(3), first, 1 + random.nextInt(3)));
			appended.add(at);
		}
		SlotBook fromTheStart = new SlotBook(this.geometry, HORIZON);
		SlotBook late = new SlotBook(this.geometry, HORIZON);
		long joinedAt = NOW + 90 * SECOND;
		for (int i = 0; i < claims.size(); i++) {
			fromTheStart.apply(claims.get(i), appended.get(i));
			if (appended.get(i) >= joinedAt - 60 * SECOND) {
				late.apply(claims.get(i), appended.get(i));
			}
		}

		long end = NOW + 120 * SECOND;
		for (long s = this.geometry.slotAt(Operation.CREATE_CALL, joinedAt); s < this.geometry
			.slotAt(Operation.CREATE_CALL, end); s++) {
			for (String member : List.of("m0", "m1", "m2")) {
				assertThat(late.isOwnedBy(Operation.CREATE_CALL, s, member)).as("slot %d of %s", s, member)
					.isEqualTo(fromTheStart.isOwnedBy(Operation.CREATE_CALL, s, member));
			}
		}
	}

	private RateSlotClaim claim(String member, long first, int count) {
		return new RateSlotClaim(member, "create_call", LongStream.range(first, first + count).boxed().toList(),
				this.width);
	}

}
