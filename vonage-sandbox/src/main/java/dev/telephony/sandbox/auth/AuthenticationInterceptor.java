package dev.telephony.sandbox.auth;

import dev.telephony.sandbox.problems.ApiProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Rejects unauthenticated calls to the simulated Vonage APIs before their bodies are
 * read, as Vonage answers 401 even for a malformed body.
 */
class AuthenticationInterceptor implements HandlerInterceptor {

	private final ApiAuthenticator authenticator;

	AuthenticationInterceptor(ApiAuthenticator authenticator) {
		this.authenticator = authenticator;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Caller caller = this.authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION))
			.orElseThrow(ApiProblemException::unauthorized);
		// The Voice API knows no account credentials, only application JWTs.
		if (caller.method() == Caller.Method.BASIC && !request.getRequestURI().startsWith("/v1/messages")) {
			throw ApiProblemException.unauthorized();
		}
		caller.attachTo(request);
		return true;
	}

}
