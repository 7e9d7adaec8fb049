package dev.telephony.dispatcher.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;

import dev.telephony.dispatcher.ratelimit.SlotLeases.SlotLeasesUnavailableException;
import dev.telephony.schemas.RateSlotClaim;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This dispatcher's use of the account's global rate limits, which Vonage counts per
 * account, at its side of the wire.
 * <p>
 * Time is cut into slots (see {@link SlotGeometry}), each carrying at most one request of
 * the whole fleet. A dispatcher claims the slot it needs on the rate-slots topic (see
 * {@link SlotBook}) before doing anything slow for the request; the request is then built
 * and signed, and the HTTP client calls {@link #awaitSendTime()} just before it writes
 * the request: that waits for the slot's start and gives up the slot for a later one when
 * the request comes too late for it. Slots go to whoever needs them, so a busy dispatcher
 * takes what an idle one leaves. See docs/adr/0005-global-rate-slots.md.
 */
public class RateLimits {

	private static final Logger logger = LoggerFactory.getLogger(RateLimits.class);

	/** Claims lost to other dispatchers before a command waits for another poll. */
	private static final int CLAIM_TRIES = 8;

	private static final long HALF_LIFE_NANOS = 500_000_000L;

	/** Slots missed by a late request before it is given up for now. */
	private static final int SEND_TRIES = 3;

	private static final Runnable NOTHING = () -> {
	};

	private final ThreadLocal<Ticket> bound = new ThreadLocal<>();

	private final Set<Operation> prefetching = ConcurrentHashMap.newKeySet();

	private final Executor prefetcher = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("rate-slots-prefetch").daemon().factory());

	private final String member = "dispatcher-" + UUID.randomUUID();

	private final SlotGeometry geometry;

	private final SlotBook book;

	private final SlotPlanner planner;

	private final SlotLeases leases;

	private final MeterRegistry meters;

	private final Clock clock;

	private final long holdNanos;

	/**
	 * How long a request takes from being handed its slot to being ready to send: the
	 * slowest lately, so that few requests come too late for their slot.
	 */
	private final SlowestLately ready = new SlowestLately(10_000_000L, HALF_LIFE_NANOS);

	/** How long a claim takes to be decided: the slowest lately. */
	private final SlowestLately claiming = new SlowestLately(5_000_000L, HALF_LIFE_NANOS);

	RateLimits(SlotGeometry geometry, SlotBook book, SlotLeases leases, MeterRegistry meters, Clock clock,
			Duration hold) {
		this.geometry = geometry;
		this.book = book;
		this.leases = leases;
		this.meters = meters;
		this.clock = clock;
		this.holdNanos = hold.toNanos();
		this.planner = new SlotPlanner(geometry, book, this.holdNanos, this.member);
		for (Operation operation : Operation.values()) {
			// The configured limit, so that dashboards can draw the actual rate against
			// it.
			Gauge.builder("telephony.dispatcher.rate.limit.per.second", () -> geometry.limit(operation))
				.description("The account's global request rate limit, by operation")
				.tag("operation", operation.tag())
				.register(meters);
			// Zeros from the start, so that rates and alerts have a series to work on.
			for (String outcome : new String[] { "throttled_locally", "rate_limited_by_provider", "missed_slot",
					"claim_lost", "unavailable" }) {
				counter(operation, outcome);
			}
			slotWait(operation);
			lateness(operation);
			claims(operation);
			tickets(operation, "claimed");
			tickets(operation, "shadowed");
			tickets(operation, "spare");
			tickets(operation, "swapped_sooner");
			misses(operation, "woke_late");
			misses(operation, "ready_late");
		}
		logger.info("Rate slots as {}", this.member);
	}

	/**
	 * Claims the next slot for one request, before anything slow is done for it, and runs
	 * {@code whileClaiming}, work that must be done before the request whatever its slot,
	 * while Kafka decides the claim instead of after it. It runs at most once, on this
	 * thread, and only when a claim goes to Kafka: not for a spare slot, nor when the
	 * request is throttled here. It may have run when the permit is refused (every claim
	 * lost, or Kafka away).
	 * @return the ticket to {@link #bind} while the request is made, or how long to wait
	 * before asking again
	 */
	public Permit reserve(Operation operation, Runnable whileClaiming) {
		return reserve(operation, nowNanos(), whileClaiming);
	}

	private Permit reserve(Operation operation, long askedAt, Runnable whileClaiming) {
		Runnable meanwhile = whileClaiming;
		for (int attempt = 0; attempt < CLAIM_TRIES; attempt++) {
			long now = nowNanos();
			long readyNanos;
			long roundTrip;
			synchronized (this.planner) {
				readyNanos = this.ready.get(now);
				roundTrip = readyNanos + this.claiming.get(now);
			}
			Optional<SlotPlanner.Block> block;
			synchronized (this.planner) {
				OptionalLong spare = this.planner.takeSpare(operation, now, readyNanos);
				if (spare.isPresent()) {
					prefetch(operation, now, roundTrip);
					tickets(operation, "spare").increment();
					return Permit.granted(ticket(operation, spare.getAsLong(), askedAt));
				}
				// At low load, the slot under way rather than the next one's start: up to
				// a slot's width sooner.
				block = this.planner.pickShadowed(operation, now, roundTrip);
				if (block.isEmpty()) {
					block = this.planner.pick(operation, now, roundTrip,
							1 + this.planner.shortfall(operation, now, roundTrip));
				}
			}
			if (block.isEmpty()) {
				count(operation, "throttled_locally");
				return Permit.retryIn(Duration.ofNanos(this.holdNanos / 2));
			}
			OptionalLong won = decide(operation, block.get(), true, meanwhile);
			meanwhile = NOTHING;
			if (won == null) {
				return Permit.retryIn(Duration.ofSeconds(1));
			}
			if (won.isPresent()) {
				tickets(operation, block.get().shadowed() ? "shadowed" : "claimed").increment();
				return Permit.granted(ticket(operation, won.getAsLong(), askedAt));
			}
			count(operation, "claim_lost");
		}
		return Permit.retryIn(Duration.ofMillis(10));
	}

	/**
	 * Claims the block and waits for the decision.
	 * @return the slot won for the caller, empty if none, null if Kafka is away
	 */
	private OptionalLong decide(Operation operation, SlotPlanner.Block block, boolean forCaller, Runnable meanwhile) {
		long started = nowNanos();
		boolean decided = false;
		OptionalLong won = OptionalLong.empty();
		try {
			this.leases.decide(claim(this.member, operation, block.slots()), meanwhile);
			long took = Math.max(0, nowNanos() - started);
			synchronized (this.planner) {
				this.claiming.record(took, nowNanos());
			}
			claims(operation).record(took, TimeUnit.NANOSECONDS);
			decided = true;
		}
		catch (SlotLeasesUnavailableException ex) {
			count(operation, "unavailable");
			logger.warn("No rate slot can be claimed: {}", ex.getMessage());
		}
		finally {
			synchronized (this.planner) {
				won = this.planner.settled(operation, block, forCaller);
			}
		}
		return decided ? won : null;
	}

	/**
	 * While this member keeps sending, claims the slots of its next requests in the
	 * background, so that they find one waiting instead of a round trip. Called holding
	 * the planner.
	 */
	private void prefetch(Operation operation, long now, long roundTrip) {
		long shortfall = this.planner.shortfall(operation, now, roundTrip);
		if (shortfall == 0 || !this.prefetching.add(operation)) {
			return;
		}
		Optional<SlotPlanner.Block> block = this.planner.pick(operation, now, roundTrip, shortfall);
		if (block.isEmpty()) {
			this.prefetching.remove(operation);
			return;
		}
		this.prefetcher.execute(() -> {
			try {
				decide(operation, block.get(), false, NOTHING);
			}
			finally {
				this.prefetching.remove(operation);
			}
		});
	}

	private Ticket ticket(Operation operation, long slot, long askedAt) {
		long start;
		synchronized (this.planner) {
			start = this.planner.earliestSendNanos(operation, slot);
		}
		return new Ticket(operation, slot, start, askedAt, nowNanos());
	}

	/**
	 * Makes the ticket this thread's until the returned binding is closed: the provider
	 * request made meanwhile is sent in its slot.
	 */
	public Binding bind(Ticket ticket) {
		this.bound.set(ticket);
		return this.bound::remove;
	}

	/**
	 * Called by the HTTP client with the request built, signed and the connection open:
	 * returns at the start of this thread's slot, or within the send margin after it. A
	 * request too late for its slot takes a later one; a retried request takes a new one.
	 * @throws SlotMissedException when no slot can be had for the request in time; it has
	 * not been sent
	 */
	public void awaitSendTime() {
		Ticket ticket = this.bound.get();
		if (ticket == null) {
			throw new SlotMissedException("no rate slot was reserved for this request");
		}
		long readyAt = nowNanos();
		synchronized (this.planner) {
			this.ready.record(Math.max(0, readyAt - ticket.wonAtNanos()), readyAt);
		}
		for (int attempt = 0; attempt < SEND_TRIES; attempt++) {
			if (ticket.used || this.book.isClosed(ticket.operation, ticket.slot)) {
				ticket = rebook(ticket);
				continue;
			}
			ticket = soonerIfSpare(ticket);
			long before = nowNanos();
			boolean readyInTime = before <= ticket.startNanos;
			long sendBy;
			boolean wholeSlot;
			synchronized (this.planner) {
				sendBy = this.planner.sendByNanos(ticket.operation, ticket.slot);
				wholeSlot = this.planner.isShadowed(ticket.operation, ticket.slot);
			}
			sleepUntil(ticket.startNanos);
			long now = nowNanos();
			// Every lateness, the missed included: what the send margin has to cover. A
			// request in a slot it may use whole is late only after waking for it.
			long late = now - (wholeSlot ? Math.max(ticket.startNanos, before) : ticket.startNanos);
			lateness(ticket.operation).record(late, TimeUnit.NANOSECONDS);
			if (now <= sendBy && !this.book.isClosed(ticket.operation, ticket.slot)) {
				ticket.used = true;
				synchronized (this.planner) {
					this.planner.sent(ticket.operation, ticket.slot, now);
				}
				slotWait(ticket.operation).record(now - ticket.askedAtNanos, TimeUnit.NANOSECONDS);
				return;
			}
			count(ticket.operation, "missed_slot");
			misses(ticket.operation, readyInTime ? "woke_late" : "ready_late").increment();
			ticket = rebook(ticket);
		}
		throw new SlotMissedException("the request missed " + SEND_TRIES + " rate slots in a row");
	}

	/**
	 * A ready request takes a spare that starts sooner than its own slot, if there is
	 * one, and leaves its own slot to the next request.
	 */
	private Ticket soonerIfSpare(Ticket ticket) {
		long now = nowNanos();
		OptionalLong sooner;
		synchronized (this.planner) {
			sooner = this.planner.swapForSooner(ticket.operation, now, ticket.slot);
		}
		if (sooner.isEmpty()) {
			return ticket;
		}
		tickets(ticket.operation, "swapped_sooner").increment();
		long start;
		synchronized (this.planner) {
			start = this.planner.earliestSendNanos(ticket.operation, sooner.getAsLong());
		}
		Ticket moved = new Ticket(ticket.operation, sooner.getAsLong(), start, ticket.askedAtNanos, ticket.wonAtNanos);
		this.bound.set(moved);
		return moved;
	}

	private Ticket rebook(Ticket missed) {
		// Ready now: a spare it can still make beats a claim's round trip.
		OptionalLong spare;
		synchronized (this.planner) {
			spare = this.planner.takeMakeable(missed.operation, nowNanos());
		}
		Permit next = spare.isPresent()
				? Permit.granted(ticket(missed.operation, spare.getAsLong(), missed.askedAtNanos))
				: reserve(missed.operation, missed.askedAtNanos, NOTHING);
		if (!next.granted()) {
			throw new SlotMissedException("no later rate slot was free within the hold limit");
		}
		this.bound.set(next.ticket());
		return next.ticket();
	}

	/**
	 * The provider said 429: another client shares the account, or the clocks disagree.
	 * Closes the fleet's slots for {@code pause}.
	 */
	public void rateLimitedByProvider(Operation operation, Duration pause) {
		count(operation, "rate_limited_by_provider");
		long first = this.geometry.slotAt(operation, nowNanos());
		long count = Math.max(1, pause.toNanos() / this.geometry.width(operation));
		try {
			this.leases
				.append(claim(SlotBook.PROVIDER, operation, LongStream.range(first, first + count).boxed().toList()));
		}
		catch (SlotLeasesUnavailableException ex) {
			logger.warn("The provider's pause could not be shared: {}", ex.getMessage());
		}
	}

	private RateSlotClaim claim(String member, Operation operation, List<Long> slots) {
		return new RateSlotClaim(member, operation.tag(), slots, this.geometry.width(operation));
	}

	private void sleepUntil(long epochNanos) {
		for (long left = epochNanos - nowNanos(); left > 0; left = epochNanos - nowNanos()) {
			LockSupport.parkNanos(left);
			if (Thread.currentThread().isInterrupted()) {
				throw new SlotMissedException("interrupted while waiting for a rate slot");
			}
		}
	}

	private long nowNanos() {
		Instant now = this.clock.instant();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

	private void count(Operation operation, String outcome) {
		counter(operation, outcome).increment();
	}

	private Counter counter(Operation operation, String outcome) {
		return Counter.builder("telephony.dispatcher.rate.limit")
			.description("Requests held back by the global rate limit, by operation and reason")
			.tag("operation", operation.tag())
			.tag("outcome", outcome)
			.register(this.meters);
	}

	private Timer slotWait(Operation operation) {
		return Timer.builder("telephony.dispatcher.rate.slot.wait")
			.description("From asking for a rate slot to sending the request in it, by operation")
			.tag("operation", operation.tag())
			.publishPercentileHistogram()
			.register(this.meters);
	}

	private Timer claims(Operation operation) {
		return Timer.builder("telephony.dispatcher.rate.slot.claims")
			.description("How long a rate-slot claim took to be written and read back, by operation")
			.tag("operation", operation.tag())
			.publishPercentileHistogram()
			.register(this.meters);
	}

	private Counter misses(Operation operation, String cause) {
		return Counter.builder("telephony.dispatcher.rate.slot.misses")
			.description("Requests too late for their rate slot, by operation and whether the request was ready"
					+ " only after the slot's start or woke up late for it")
			.tag("operation", operation.tag())
			.tag("cause", cause)
			.register(this.meters);
	}

	private Counter tickets(Operation operation, String source) {
		return Counter.builder("telephony.dispatcher.rate.slot.tickets")
			.description("Rate slots handed to requests, by operation and whether claimed for the request,"
					+ " claimed with its shadow at low load, claimed ahead, or a sooner spare taken when the"
					+ " request was ready")
			.tag("operation", operation.tag())
			.tag("source", source)
			.register(this.meters);
	}

	private Timer lateness(Operation operation) {
		return Timer.builder("telephony.dispatcher.rate.slot.lateness")
			.description("How long after its slot's start a request was ready to be sent, by operation;"
					+ " past the send margin it took a later slot")
			.tag("operation", operation.tag())
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofNanos(10_000))
			.maximumExpectedValue(Duration.ofSeconds(1))
			.register(this.meters);
	}

	/**
	 * One request's slot.
	 */
	public static final class Ticket {

		private final Operation operation;

		private final long slot;

		private final long startNanos;

		private final long askedAtNanos;

		private final long wonAtNanos;

		private boolean used;

		Ticket(Operation operation, long slot, long startNanos, long askedAtNanos, long wonAtNanos) {
			this.operation = operation;
			this.slot = slot;
			this.startNanos = startNanos;
			this.askedAtNanos = askedAtNanos;
			this.wonAtNanos = wonAtNanos;
		}

		long wonAtNanos() {
			return this.wonAtNanos;
		}

	}

	/**
	 * The answer to {@link #reserve}.
	 *
	 * @param ticket the slot won, or null
	 * @param retryIn when none was, how long until it is worth asking again
	 */
	public record Permit(Ticket ticket, Duration retryIn) {

		static Permit granted(Ticket ticket) {
			return new Permit(ticket, Duration.ZERO);
		}

		static Permit retryIn(Duration wait) {
			return new Permit(null, wait);
		}

		public boolean granted() {
			return this.ticket != null;
		}

	}

	/** Ends a {@link #bind}. */
	public interface Binding extends AutoCloseable {

		@Override
		void close();

	}

}
