package dev.telephony.dispatcher.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import dev.telephony.dispatcher.system.DispatcherProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * This dispatcher's part of the account's global rate limits, which Vonage counts per
 * account, not per process.
 * <p>
 * Per-process token buckets cannot bound a sliding one-second window across processes
 * (two dispatchers at 1.5/s each may both send twice in the same second). Instead, time
 * is cut into global slots {@code 1.02 / rate} seconds long, numbered from the epoch;
 * slot {@code k} belongs to whoever owns command partition {@code k mod partitions}, and
 * each slot carries at most one request. Every dispatcher computes the same schedule from
 * the clock and its assignment, so the whole fleet never exceeds the rate in any window,
 * and each takes the share of its partitions. See docs/adr/0005-global-rate-slots.md.
 */
@Component
public class RateLimits {

	private static final Logger logger = LoggerFactory.getLogger(RateLimits.class);

	// Vonage's Voice API allows about 15 modify requests a second.
	private static final double MODIFY_CALL_PER_SECOND = 15;

	// Slots 2% longer than 1/rate keep every one-second window within the limit, with
	// margin for
	// clock skew between hosts, at 98% of the throughput.
	private static final double SPACING = 1.02;

	/**
	 * How far into its slot a request may still go. Requests in {@code rate + 1}
	 * consecutive slots then span at least
	 * {@code rate × slot − window = 1.02 s − 20 ms = 1 s}, so no one-second window holds
	 * more than {@code rate} of them, whatever the rate.
	 */
	private static final long GRANT_WINDOW_NANOS = 20_000_000L;

	/**
	 * The longest a command is held on the consumer thread for its slot. A nacked record
	 * comes back too late to hit a slot reliably; a short hold does, and stays far inside
	 * the poll interval.
	 */
	private static final Duration HOLD_LIMIT = Duration.ofSeconds(1);

	private final Map<Operation, Long> slotNanos = new EnumMap<>(Operation.class);

	private final Map<Operation, Long> lastSlot = new EnumMap<>(Operation.class);

	private final MeterRegistry meters;

	private final Clock clock;

	private Set<Integer> owned = Set.of();

	private int partitions = 1;

	RateLimits(DispatcherProperties properties, MeterRegistry meters, Clock clock) {
		this.meters = meters;
		this.clock = clock;
		slot(Operation.CREATE_CALL, properties.rateLimits().createCallPerSecond());
		slot(Operation.SEND_MESSAGE, properties.rateLimits().messagesPerSecond());
		slot(Operation.MODIFY_CALL, MODIFY_CALL_PER_SECOND);
	}

	private void slot(Operation operation, double perSecond) {
		// The configured limit, so that dashboards can draw the actual rate against it.
		Gauge.builder("telephony.dispatcher.rate.limit.per.second", () -> perSecond)
			.description("The account's global request rate limit, by operation")
			.tag("operation", operation.name().toLowerCase())
			.register(this.meters);
		this.slotNanos.put(operation, (long) (1_000_000_000L * SPACING / perSecond));
		// Zeros from the start, so that rates and alerts have a series to work on.
		counter(operation, "throttled_locally");
		counter(operation, "rate_limited_by_provider");
		this.lastSlot.put(operation, Long.MIN_VALUE);
	}

	/**
	 * Takes this process's share after a rebalance: the slots of the partitions it owns.
	 */
	public synchronized void share(Set<Integer> assignedPartitions, int totalPartitions) {
		this.owned = Set.copyOf(assignedPartitions);
		this.partitions = Math.max(1, totalPartitions);
		logger.info("Rate share: partitions {} of {}", this.owned, this.partitions);
	}

	/**
	 * Asks for a slot for one request. A slot near enough is reserved, and the request
	 * must be sent at its start; a slot further away is not, and the caller asks again
	 * later.
	 */
	public synchronized Permit reserve(Operation operation) {
		if (this.owned.isEmpty()) {
			count(operation, "throttled_locally");
			return new Permit(false, Duration.ofSeconds(1));
		}
		long width = this.slotNanos.get(operation);
		long now = nowNanos();
		long current = now / width;
		// Late in its slot, a request could share a second with the next `rate` slots'
		// requests.
		long earliest = (now - current * width < GRANT_WINDOW_NANOS) ? current : current + 1;
		long next = Math.max(earliest, this.lastSlot.get(operation) + 1);
		while (!this.owned.contains((int) Math.floorMod(next, (long) this.partitions))) {
			next++;
		}
		Duration delay = Duration.ofNanos(Math.max(0, next * width - now));
		if (delay.compareTo(HOLD_LIMIT) > 0) {
			count(operation, "throttled_locally");
			return new Permit(false, delay.minus(HOLD_LIMIT));
		}
		this.lastSlot.put(operation, next);
		return new Permit(true, delay);
	}

	/**
	 * The answer to {@link #reserve}.
	 *
	 * @param granted whether a slot is reserved
	 * @param delay until the reserved slot starts, or until it is worth asking again
	 */
	public record Permit(boolean granted, Duration delay) {
	}

	/**
	 * The provider said 429: another client shares the account, or the clocks disagree.
	 * Skip this process's slots for {@code pause}.
	 */
	public synchronized void rateLimitedByProvider(Operation operation, Duration pause) {
		count(operation, "rate_limited_by_provider");
		long resumeSlot = (nowNanos() + pause.toNanos()) / this.slotNanos.get(operation);
		this.lastSlot.put(operation, Math.max(this.lastSlot.get(operation), resumeSlot));
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
			.tag("operation", operation.name().toLowerCase())
			.tag("outcome", outcome)
			.register(this.meters);
	}

}
