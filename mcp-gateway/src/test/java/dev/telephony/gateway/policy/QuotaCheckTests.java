package dev.telephony.gateway.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.Usage;
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

	@Test
	void aQuotaReachedOnceIsFreeAgainOnlyWhenItsWindowHasWhollyPassed() {
		List<PolicyProperties.Quotas> oneCallPer = List.of(new PolicyProperties.Quotas(1, 0, 0, 0, 0, 0, 0),
				new PolicyProperties.Quotas(0, 1, 0, 0, 0, 0, 0), new PolicyProperties.Quotas(0, 0, 1, 0, 0, 0, 0));
		List<Duration> windows = List.of(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1));
		for (int i = 0; i < windows.size(); i++) {
			QuotaCheck quotas = quotas(oneCallPer.get(i));
			String client = "client-" + i;
			Instant windowLater = NOW.plus(windows.get(i));
			call(client, NOW);

			assertThatThrownBy(() -> quotas.reserve(client, UUID.randomUUID(), true, windowLater.minusNanos(1)))
				.as(windows.get(i) + " on, less a nanosecond")
				.hasMessageStartingWith("Quota reached: 1 calls in the last ");
			assertThatCode(() -> quotas.reserve(client, UUID.randomUUID(), true, windowLater))
				.as(windows.get(i) + " on")
				.doesNotThrowAnyException();
		}
	}

	@Test
	void aReservationTheViewNeverCountsStopsCountingAMinuteAfterItWasMade() {
		QuotaCheck quotas = quotas(new PolicyProperties.Quotas(0, 0, 0, 0, 0, 0, 1));
		quotas.reserve("alice", UUID.randomUUID(), true, NOW);

		assertThatThrownBy(() -> quotas.reserve("alice", UUID.randomUUID(), true, NOW.plus(Duration.ofMinutes(1))))
			.hasMessageStartingWith("Client 'alice' already has 1 calls in progress");
		assertThatCode(() -> quotas.reserve("bob", UUID.randomUUID(), true, NOW)).as("only alice's count for alice")
			.doesNotThrowAnyException();
		assertThatCode(
				() -> quotas.reserve("alice", UUID.randomUUID(), true, NOW.plus(Duration.ofMinutes(1)).plusNanos(1)))
			.doesNotThrowAnyException();
	}

	@Test
	void aCallTheViewHasCountedStaysCountedThroughALateReleaseUntilItEnds() {
		QuotaCheck quotas = quotas(new PolicyProperties.Quotas(0, 0, 0, 0, 0, 0, 2));
		UUID placed = UUID.randomUUID();
		Runnable release = quotas.reserve("alice", placed, true, NOW);
		placeCall(placed, "alice", NOW);
		// As when a publish reports failure for a record that was written after all.
		release.run();

		assertThatCode(() -> quotas.reserve("alice", UUID.randomUUID(), true, NOW)).doesNotThrowAnyException();
		assertThatThrownBy(() -> quotas.reserve("alice", UUID.randomUUID(), true, NOW))
			.hasMessageStartingWith("Client 'alice' already has 2 calls in progress");
		this.view.onEvent(new CommandFailed("f-" + placed, placed, NOW, NOW, "provider_rejected", "422", 1, false));
		assertThatCode(() -> quotas.reserve("alice", UUID.randomUUID(), true, NOW)).doesNotThrowAnyException();
	}

	@Test
	void aCommandThatNamesNoClientIsReadWithoutTrouble() {
		QuotaCheck quotas = quotas(new PolicyProperties.Quotas(0, 0, 0, 1, 0, 0, 0));
		quotas.reserve("alice", UUID.randomUUID(), false, NOW);

		assertThatCode(() -> this.view.onCommand(sms(UUID.randomUUID(), null, NOW))).doesNotThrowAnyException();
	}

	@Test
	void manyToolCallsAtOnceForOneClientTakeExactlyItsQuota() throws Exception {
		int limit = 25;
		QuotaCheck quotas = quotas(new PolicyProperties.Quotas(0, 0, 0, limit, 0, 0, 0));
		int threads = 8;
		CyclicBarrier start = new CyclicBarrier(threads);
		AtomicInteger admitted = new AtomicInteger();
		runAll(threads, () -> {
			start.await();
			for (int i = 0; i < 40; i++) {
				try {
					quotas.reserve("alice", UUID.randomUUID(), false, NOW);
					admitted.incrementAndGet();
				}
				catch (CommandRefusedException ex) {
					// Expected once the quota is taken.
				}
			}
			return null;
		});

		assertThat(admitted).hasValue(limit);
	}

	@Test
	void theViewCountingAdmittedCommandsMeanwhileNeitherLetsMorePassNorLosesAny() throws Exception {
		int limit = 60;
		QuotaCheck quotas = quotas(new PolicyProperties.Quotas(0, 0, 0, limit, 0, 0, 0));
		BlockingQueue<UUID> published = new LinkedBlockingQueue<>();
		UUID last = UUID.randomUUID();
		AtomicInteger read = new AtomicInteger();
		ExecutorService reader = Executors.newSingleThreadExecutor();
		Future<?> reading = reader.submit(() -> {
			for (UUID id = published.take(); !id.equals(last); id = published.take()) {
				this.view.onCommand(sms(id, "alice", NOW));
				read.incrementAndGet();
			}
			return null;
		});
		int threads = 4;
		CyclicBarrier start = new CyclicBarrier(threads);
		try {
			runAll(threads, () -> {
				start.await();
				for (int i = 0; i < 50; i++) {
					UUID id = UUID.randomUUID();
					try {
						Runnable release = quotas.reserve("alice", id, false, NOW);
						if (i % 5 == 0) {
							// Not published after all: it frees its slot.
							release.run();
						}
						else {
							published.put(id);
						}
					}
					catch (CommandRefusedException ex) {
						// Expected once the quota is taken.
					}
				}
				return null;
			});
			published.put(last);
			reading.get(30, TimeUnit.SECONDS);
		}
		finally {
			reader.shutdownNow();
		}

		assertThat(read.get()).isLessThanOrEqualTo(limit);
		assertThat(this.view.usage("alice", NOW).messages().lastMinute()).isEqualTo(read.get());
		int more = 0;
		while (more <= limit && admits(quotas)) {
			more++;
		}
		assertThat(read.get() + more).as("no slot is held by a reservation already counted or released")
			.isEqualTo(limit);
	}

	@Test
	void aClientWhoseCheckIsUnderWayHoldsUpNoOtherClient() throws Exception {
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch letGo = new CountDownLatch(1);
		TelephonyView view = new TelephonyView(new ViewProperties(Duration.ofHours(24))) {
			@Override
			public Usage usage(String requestedBy, Instant now) {
				if (requestedBy.equals("alice")) {
					// Stops alice's check midway, holding whatever it holds.
					inside.countDown();
					awaitUninterruptibly(letGo);
				}
				return super.usage(requestedBy, now);
			}
		};
		QuotaCheck quotas = new QuotaCheck(view, new PolicyProperties(List.of(), List.of(), Set.of(),
				new PolicyProperties.Quotas(0, 0, 0, 0, 0, 0, 5), Map.of()));
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<Runnable> alice = pool.submit(() -> quotas.reserve("alice", UUID.randomUUID(), true, NOW));
			assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

			// The bounds below only keep a regression from hanging the build.
			Future<Runnable> bob = pool.submit(() -> quotas.reserve("bob", UUID.randomUUID(), true, NOW));
			assertThat(bob).as("bob is checked while alice's check waits").succeedsWithin(Duration.ofSeconds(30));
			UUID bobs = UUID.randomUUID();
			view.onCommand(new PlaceCall(bobs, NOW, NOW.plusSeconds(30), "bob", CALLEE, "14155550100", "Hello", null,
					null, null, null, null));
			assertThat(view.counted("bob", bobs)).as("and the view reads on").isTrue();

			letGo.countDown();
			assertThat(alice).succeedsWithin(Duration.ofSeconds(30));
		}
		finally {
			letGo.countDown();
			pool.shutdownNow();
		}
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
		placeCall(id, client, at);
		return id;
	}

	private void placeCall(UUID id, String client, Instant at) {
		this.view.onCommand(new PlaceCall(id, at, at.plusSeconds(30), client, CALLEE, "14155550100", "Hello", null,
				null, null, null, null));
	}

	private static SendSms sms(UUID id, String client, Instant at) {
		return new SendSms(id, at, at.plusSeconds(30), client, CALLEE, "14155550100", "hi", null);
	}

	private static boolean admits(QuotaCheck quotas) {
		try {
			quotas.reserve("alice", UUID.randomUUID(), false, NOW);
			return true;
		}
		catch (CommandRefusedException ex) {
			return false;
		}
	}

	/** Runs {@code work} on as many threads at once, and rethrows what any threw. */
	private static void runAll(int threads, Callable<Void> work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Void>> running = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				running.add(pool.submit(work));
			}
			for (Future<Void> each : running) {
				each.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
