package dev.telephony.authserver.tokens;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * The RFC 8707 {@code resource} parameter, which Spring keeps among a request's
 * additional parameters: as one string when sent once, as an array when repeated.
 */
public final class ResourceIndicators {

	public static final String PARAMETER = "resource";

	/** RFC 8707's error for a resource the server will not issue a token for. */
	static final String INVALID_TARGET = "invalid_target";

	private ResourceIndicators() {
	}

	/**
	 * The one resource in {@code parameters}, or null without one.
	 * @throws OAuth2AuthenticationException with {@code invalid_target} for several
	 */
	static @Nullable String single(Map<String, Object> parameters) {
		Object value = parameters.get(PARAMETER);
		if (value == null) {
			return null;
		}
		// A token has one audience: the gateway checks it is itself.
		if (!(value instanceof String resource)) {
			throw invalidTarget("only one resource may be requested");
		}
		return resource;
	}

	/** The resource the authorization request asked for, or null. */
	public static @Nullable String ofAuthorizationRequest(@Nullable OAuth2Authorization authorization) {
		if (authorization == null) {
			return null;
		}
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		if (request == null) {
			return null;
		}
		Object value = request.getAdditionalParameters().get(PARAMETER);
		return (value instanceof String resource) ? resource : null;
	}

	static OAuth2AuthenticationException invalidTarget(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(INVALID_TARGET, description, null));
	}

}
