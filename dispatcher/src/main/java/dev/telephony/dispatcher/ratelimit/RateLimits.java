package dev.telephony.dispatcher.ratelimit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import dev.telephony.dispatcher.system.DispatcherProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * This dispatcher's share of the account's global rate limits. Vonage counts requests per
 * account, not per process, so each dispatcher takes the fraction of the global rate that
 * its assigned partitions are of all partitions; the shares add up to the limit whatever
 * the rebalance.
 * <p>
 * Buckets hold one token, so requests are spaced evenly and no burst exceeds the limit in
 * any second.
 */
@Component
public class RateLimits {

	private static final Logger logger = LoggerFactory.getLogger(RateLimits.class);

	// Vonage's Voice API allows about 15 modify requests a second.
	private static final double MODIFY_CALL_PER_SECOND = 15;

	private static final double SPACING = 1.02;

	private final Map<Operation, Double> globalRates = new EnumMap<>(Operation.class);

	private final Map<Operation, Bucket> buckets = new EnumMap<>(Operation.class);

	private final MeterRegistry meters;

	private volatile double share;

	RateLimits(DispatcherProperties properties, MeterRegistry meters) {
		this.meters = meters;
		this.globalRates.put(Operation.CREATE_CALL, properties.rateLimits().createCallPerSecond());
		this.globalRates.put(Operation.SEND_MESSAGE, properties.rateLimits().messagesPerSecond());
		this.globalRates.put(Operation.MODIFY_CALL, MODIFY_CALL_PER_SECOND);
		share(0, 1);
	}

	/** Recomputes this dispatcher's share after a rebalance. */
	public synchronized void share(int assignedPartitions, int totalPartitions) {
		this.share = (totalPartitions > 0) ? (double) assignedPartitions / totalPartitions : 0;
		for (Operation operation : Operation.values()) {
			double rate = this.globalRates.get(operation) * this.share;
			this.buckets.put(operation, bucket(rate));
		}
		logger.info("Rate share {}/{} partitions: {}", assignedPartitions, totalPartitions, this.buckets.keySet());
	}

	/**
	 * Takes a permit for one request.
	 * @return zero when granted, else how long to wait before asking again
	 */
	public Duration tryAcquire(Operation operation) {
		Bucket bucket = this.buckets.get(operation);
		if (bucket == null) {
			return Duration.ofSeconds(1);
		}
		long waitNanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
		if (bucket.tryConsume(1)) {
			return Duration.ZERO;
		}
		count(operation, "throttled_locally");
		return Duration.ofNanos(Math.max(waitNanos, 1_000_000));
	}

	/**
	 * The provider said 429: another client shares the account, or a share is stale. Hold
	 * back for {@code pause} by going into debt with the bucket.
	 */
	public void rateLimitedByProvider(Operation operation, Duration pause) {
		Bucket bucket = this.buckets.get(operation);
		count(operation, "rate_limited_by_provider");
		if (bucket != null) {
			double perSecond = this.globalRates.get(operation) * this.share;
			bucket.consumeIgnoringRateLimits(Math.max(1, (long) Math.ceil(perSecond * pause.toMillis() / 1000.0)));
		}
	}

	private static Bucket bucket(double perSecond) {
		if (perSecond <= 0) {
			// No partitions, no requests: a bucket that never refills in practice.
			return Bucket.builder()
				.addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofDays(1)).initialTokens(0).build())
				.build();
		}
		// Permits exactly 1/rate apart let a one-second window catch one at each edge; 2%
		// more
		// space keeps every window within the limit at 98% of its throughput.
		Duration interval = Duration.ofNanos((long) (1_000_000_000L * SPACING / perSecond));
		return Bucket.builder().addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, interval).build()).build();
	}

	private void count(Operation operation, String outcome) {
		Counter.builder("telephony.dispatcher.rate.limit")
			.description("Requests held back by the global rate limit, by operation and reason")
			.tag("operation", operation.name().toLowerCase())
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

}
