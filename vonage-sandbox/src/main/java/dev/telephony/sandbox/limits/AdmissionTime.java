package dev.telephony.sandbox.limits;

import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

/**
 * When a request the rate limiter admitted arrived: the instant it counted. Controllers
 * journal this instant rather than their own later reading, so the journal shows the
 * times the limiter counted.
 */
public final class AdmissionTime {

	private static final String ATTRIBUTE = AdmissionTime.class.getName();

	private AdmissionTime() {
	}

	/**
	 * The instant a request was admitted.
	 * @param request the current request
	 * @param clock used for requests that no limiter admitted (not rate limited)
	 * @return the admission instant, else the clock's current instant
	 */
	public static Instant of(HttpServletRequest request, Clock clock) {
		if (request.getAttribute(ATTRIBUTE) instanceof Instant admitted) {
			return admitted;
		}
		return clock.instant();
	}

	static void attach(HttpServletRequest request, Instant admitted) {
		request.setAttribute(ATTRIBUTE, admitted);
	}

}
