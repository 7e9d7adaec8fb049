package dev.telephony.sandbox.faults;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Injects the configured faults into the simulated Vonage APIs ({@code /v1/**}) only; the
 * admin endpoints stay reliable so tests can switch faults off again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class FaultInjectionFilter extends OncePerRequestFilter {

	// A servlet cannot reset the TCP connection; announcing a body that never comes and
	// closing is the closest: every HTTP client fails the call with an I/O error.
	private static final String PROMISED_LENGTH = "1024";

	private final Faults faults;

	FaultInjectionFilter(Faults faults) {
		this.faults = faults;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/v1/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		InjectedFaults current = this.faults.current();
		if (current.latency().isPositive()) {
			try {
				Thread.sleep(current.latency());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (Faults.happens(current.dropBeforeRatio())) {
			cutOff(response);
			return;
		}
		if (Faults.happens(current.errorRatio())) {
			// Rendered as a problem by the error controller, like any container error.
			response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
			return;
		}
		if (Faults.happens(current.dropAfterRatio())) {
			ContentCachingResponseWrapper processed = new ContentCachingResponseWrapper(response);
			chain.doFilter(request, processed);
			// The answer is thrown away: the caller cannot tell whether it was accepted.
			response.reset();
			cutOff(response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static void cutOff(HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_OK);
		response.setHeader(HttpHeaders.CONNECTION, "close");
		response.setHeader(HttpHeaders.CONTENT_LENGTH, PROMISED_LENGTH);
		response.setContentType("application/json");
		response.flushBuffer();
	}

}
