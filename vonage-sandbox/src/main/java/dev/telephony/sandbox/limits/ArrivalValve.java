package dev.telephony.sandbox.limits;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Hands on when Tomcat began reading each request (its first byte, on
 * {@link System#nanoTime()}), so that the rate limiter counts a request when it reached
 * the sandbox rather than when a busy thread pool got round to it.
 */
class ArrivalValve extends ValveBase {

	private static final String ATTRIBUTE = ArrivalValve.class.getName();

	ArrivalValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		long started = request.getCoyoteRequest().getStartTimeNanos();
		if (started > 0) {
			request.setAttribute(ATTRIBUTE, started);
		}
		getNext().invoke(request, response);
	}

	/**
	 * When the request arrived.
	 * @param request the current request
	 * @param otherwise the reading to use when no valve saw it (outside Tomcat)
	 * @return a {@link System#nanoTime()} reading
	 */
	static long arrivedNanos(HttpServletRequest request, long otherwise) {
		return (request.getAttribute(ATTRIBUTE) instanceof Long arrived) ? arrived : otherwise;
	}

}
