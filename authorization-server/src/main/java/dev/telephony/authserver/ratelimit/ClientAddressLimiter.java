package dev.telephony.authserver.ratelimit;

import java.time.Duration;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * A Resilience4j rate limiter per client address. The limiters sit in a bounded cache and
 * expire once unused for a period, so that many addresses cannot grow memory without end;
 * an address evicted early starts afresh, a loss of strictness only under a flood.
 */
final class ClientAddressLimiter {

	private static final int MAX_ADDRESSES = 100_000;

	private final RateLimiterConfig config;

	private final Cache<String, AtomicRateLimiter> limiters;

	private final String name;

	ClientAddressLimiter(String name, RateLimitProperties.Limit limit) {
		this.name = name;
		this.config = RateLimiterConfig.custom()
			.limitForPeriod(limit.requests())
			.limitRefreshPeriod(limit.period())
			.timeoutDuration(Duration.ZERO)
			.build();
		this.limiters = Caffeine.newBuilder()
			.maximumSize(MAX_ADDRESSES)
			.expireAfterAccess(limit.period().multipliedBy(2))
			.build();
	}

	/** Empty if the request may go ahead, else how many seconds until it may. */
	OptionalLong acquire(String address) {
		AtomicRateLimiter limiter = this.limiters.get(address,
				(key) -> (AtomicRateLimiter) RateLimiter.of(this.name, this.config));
		if (limiter.acquirePermission()) {
			return OptionalLong.empty();
		}
		long nanos = limiter.getDetailedMetrics().getNanosToWait();
		return OptionalLong.of(Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1));
	}

}
