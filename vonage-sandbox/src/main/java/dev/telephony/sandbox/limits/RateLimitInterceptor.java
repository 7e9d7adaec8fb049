package dev.telephony.sandbox.limits;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.telephony.sandbox.problems.ApiProblemException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses requests above a per-second rate with 429 and {@code Retry-After}, as Vonage
 * does (it does not queue them). Tokens refill continuously, so a burst of the full rate
 * is allowed and then one request every 1/rate seconds.
 */
class RateLimitInterceptor implements HandlerInterceptor {

	private final Bucket bucket;

	private final int perSecond;

	RateLimitInterceptor(int perSecond) {
		this.perSecond = perSecond;
		this.bucket = Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
			.build();
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!"POST".equals(request.getMethod())) {
			return true;
		}
		ConsumptionProbe probe = this.bucket.tryConsumeAndReturnRemaining(1);
		response.setHeader("X-RateLimit-Limit", Integer.toString(this.perSecond));
		response.setHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
		if (probe.isConsumed()) {
			return true;
		}
		long waitSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
		throw ApiProblemException.tooManyRequests()
			.withHeader(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds))
			.withHeader("X-RateLimit-Reset", Long.toString(System.currentTimeMillis() / 1000 + waitSeconds));
	}

}
