package dev.telephony.authserver.ratelimit;

import java.io.IOException;
import java.util.OptionalLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} to a client address that has used up its requests
 * to one endpoint. The address is the request's remote address: behind a reverse proxy,
 * {@code server.forward-headers-strategy=native} makes it the client's, taken from the
 * proxy's {@code X-Forwarded-For} when the proxy is on an internal address.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

	private final RequestMatcher endpoint;

	private final ClientAddressLimiter limiter;

	private final Rejection rejection;

	private final Counter limited;

	private RateLimitFilter(String name, String path, RateLimitProperties.Limit limit, Rejection rejection,
			MeterRegistry meters) {
		this.endpoint = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, path);
		this.limiter = new ClientAddressLimiter(name, limit);
		this.rejection = rejection;
		// One series per endpoint: the address is not a tag, so attackers cannot add
		// series.
		this.limited = Counter.builder("telephony.auth.rate_limited")
			.description("Requests refused because their client address made too many")
			.tag("endpoint", name)
			.register(meters);
	}

	/**
	 * Sign-in attempts; a refused one is forwarded to {@code page}, which shows the
	 * sign-in form again with the reason.
	 */
	public static RateLimitFilter login(String path, String page, RateLimitProperties properties,
			MeterRegistry meters) {
		return new RateLimitFilter("login", path, properties.login(),
				(request, response, seconds) -> request.getRequestDispatcher(page).forward(request, response), meters);
	}

	/**
	 * Client registrations; a refused one gets an OAuth error body, as the endpoint's
	 * other errors do. RFC 7591 defines no code for this, so it is named for the status.
	 */
	public static RateLimitFilter register(String path, RateLimitProperties properties, MeterRegistry meters) {
		return new RateLimitFilter("register", path, properties.register(), (request, response, seconds) -> {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter()
				.write("{\"error\":\"too_many_requests\",\"error_description\":"
						+ "\"Too many client registrations from this address; try again in " + seconds + " seconds\"}");
		}, meters);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.endpoint.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		OptionalLong retryAfter = this.limiter.acquire(request.getRemoteAddr());
		if (retryAfter.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		this.limited.increment();
		response.setStatus(429);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.getAsLong()));
		this.rejection.send(request, response, retryAfter.getAsLong());
	}

	@FunctionalInterface
	private interface Rejection {

		void send(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
				throws ServletException, IOException;

	}

}
