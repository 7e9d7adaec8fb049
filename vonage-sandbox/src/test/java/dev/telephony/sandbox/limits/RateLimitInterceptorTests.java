package dev.telephony.sandbox.limits;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.telephony.sandbox.problems.ApiProblemException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The interceptor on a simulated time source, anchored to a fixed clock: admission
 * instants and the 429 headers are exact.
 */
class RateLimitInterceptorTests {

	private static final long MILLI = 1_000_000L;

	private static final Instant STARTUP = Instant.parse("2026-03-01T10:00:00.250Z");

	private static final Clock LATER = Clock.fixed(Instant.parse("2026-03-01T11:00:00Z"), ZoneOffset.UTC);

	// Any origin: only the time elapsed since startup reaches the instants.
	private long now = 7_000 * MILLI;

	private final AdmissionClock clock = new AdmissionClock(Clock.fixed(STARTUP, ZoneOffset.UTC), () -> this.now);

	private final long startup = this.now;

	@Test
	void admittedPostCarriesItsAdmissionInstantAndTheRemainingCount() {
		RateLimitInterceptor limiter = limiter(2);
		this.now = this.startup + 300 * MILLI;
		MockHttpServletRequest request = post();
		MockHttpServletResponse response = new MockHttpServletResponse();

		assertThat(limiter.preHandle(request, response, new Object())).isTrue();

		assertThat(AdmissionTime.of(request, LATER)).isEqualTo(STARTUP.plusMillis(300));
		assertThat(response.getHeader("X-RateLimit-Limit")).isEqualTo("2");
		assertThat(response.getHeader("X-RateLimit-Remaining")).isEqualTo("1");
	}

	@Test
	void refusalIs429WithRetryAfterAndResetFromTheOldestAdmission() {
		RateLimitInterceptor limiter = limiter(2);
		admit(limiter, 0);
		admit(limiter, 300);
		this.now = this.startup + 900 * MILLI;
		MockHttpServletRequest refused = post();

		assertThatExceptionOfType(ApiProblemException.class)
			.isThrownBy(() -> limiter.preHandle(refused, new MockHttpServletResponse(), new Object()))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
				assertThat(ex.problem().title()).isEqualTo("Too Many Requests");
				// 100 ms to wait, rounded up to whole seconds.
				assertThat(ex.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
				assertThat(ex.headers().getFirst("X-RateLimit-Limit")).isEqualTo("2");
				assertThat(ex.headers().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
				// The first admission (10:00:00.250) leaves at 10:00:01.250: the next
				// whole second is 10:00:02.
				assertThat(ex.headers().getFirst("X-RateLimit-Reset"))
					.isEqualTo(Long.toString(Instant.parse("2026-03-01T10:00:02Z").getEpochSecond()));
			});
		assertThat(AdmissionTime.of(refused, LATER)).isEqualTo(LATER.instant());

		// Exactly when the first admission is one second old.
		admit(limiter, 1000);
	}

	@Test
	void onlyPostsAreCounted() {
		RateLimitInterceptor limiter = limiter(1);
		for (int i = 0; i < 5; i++) {
			MockHttpServletRequest get = new MockHttpServletRequest("GET", "/v1/calls");
			assertThat(limiter.preHandle(get, new MockHttpServletResponse(), new Object())).isTrue();
			assertThat(AdmissionTime.of(get, LATER)).isEqualTo(LATER.instant());
		}

		admit(limiter, 0);
	}

	private RateLimitInterceptor limiter(int perSecond) {
		return new RateLimitInterceptor(new SlidingWindow(perSecond, this.clock::nanoTime), this.clock);
	}

	private void admit(RateLimitInterceptor limiter, long millisAfterStartup) {
		this.now = this.startup + millisAfterStartup * MILLI;
		MockHttpServletRequest request = post();
		assertThat(limiter.preHandle(request, new MockHttpServletResponse(), new Object())).isTrue();
		assertThat(AdmissionTime.of(request, LATER)).isEqualTo(STARTUP.plusMillis(millisAfterStartup));
	}

	private static MockHttpServletRequest post() {
		return new MockHttpServletRequest("POST", "/v1/messages");
	}

}
