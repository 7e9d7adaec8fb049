package dev.telephony.sandbox.auth;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Who made an authenticated API request.
 *
 * @param method how the caller proved its identity
 * @param applicationId the Vonage application, for JWT callers only: with Basic auth
 * Vonage knows just the account
 */
public record Caller(Method method, @Nullable UUID applicationId) {

	private static final String ATTRIBUTE = Caller.class.getName();

	/**
	 * The caller of a request that passed authentication.
	 * @param request the current request
	 * @return the caller
	 * @throws IllegalStateException if the request was not authenticated
	 */
	public static Caller of(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof Caller caller) {
			return caller;
		}
		throw new IllegalStateException("Request " + request.getRequestURI() + " was not authenticated");
	}

	void attachTo(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, this);
	}

	public enum Method {

		/** RS256 JWT signed with the application's private key. */
		JWT,

		/** Account API key and secret. */
		BASIC

	}

}
