package dev.telephony.sandbox.limits;

import java.time.Instant;

import dev.telephony.sandbox.problems.ApiProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses POSTs above a per-second rate with 429 and {@code Retry-After}, as Vonage does
 * (it does not queue them). Counted by arrival in a sliding window (see
 * {@link SlidingWindow}), so no one-second span of arrivals ever holds more admitted
 * requests than the rate.
 */
class RateLimitInterceptor implements HandlerInterceptor {

	static final String LIMIT = "X-RateLimit-Limit";

	static final String REMAINING = "X-RateLimit-Remaining";

	static final String RESET = "X-RateLimit-Reset";

	private final SlidingWindow window;

	private final AdmissionClock clock;

	RateLimitInterceptor(SlidingWindow window, AdmissionClock clock) {
		this.window = window;
		this.clock = clock;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!"POST".equals(request.getMethod())) {
			return true;
		}
		long arrived = ArrivalValve.arrivedNanos(request, this.clock.nanoTime());
		SlidingWindow.Decision decision = this.window.tryAdmit(arrived);
		Instant counted = this.clock.instant(decision.countedNanos());
		String limit = Integer.toString(this.window.limit());
		if (decision.admitted()) {
			AdmissionTime.attach(request, counted);
			response.setHeader(LIMIT, limit);
			response.setHeader(REMAINING, Integer.toString(decision.remaining()));
			return true;
		}
		// Rounded up: a client that waits Retry-After (or until Reset) is admitted.
		long waitSeconds = Math.max(1, Math.ceilDiv(decision.waitNanos(), SlidingWindow.WINDOW_NANOS));
		Instant freed = this.clock.instant(decision.decidedNanos()).plusNanos(decision.waitNanos());
		long reset = freed.getEpochSecond() + ((freed.getNano() > 0) ? 1 : 0);
		throw ApiProblemException.tooManyRequests()
			.withHeader(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds))
			.withHeader(LIMIT, limit)
			.withHeader(REMAINING, "0")
			.withHeader(RESET, Long.toString(reset));
	}

}
