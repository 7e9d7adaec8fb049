package dev.telephony.authserver.registration;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.telephony.authserver.scopes.GatewayScope;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationValidator;

/**
 * What anyone may register without an initial access token. Registration is open, so the
 * policy keeps a registered client from being more than a user's agent: only the code
 * grant (and its refresh), always with a redirect URI, and only the gateway's scopes.
 * Spring's default validator rejects every scope, which the MCP TypeScript SDK always
 * sends, so this one replaces it.
 */
public final class ClientRegistrationPolicy implements Consumer<OAuth2ClientRegistrationAuthenticationContext> {

	private static final Set<String> GRANT_TYPES = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue());

	private static final Set<String> AUTH_METHODS = Set.of(ClientAuthenticationMethod.NONE.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue());

	private static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";

	// Unsafe schemes and fragments in redirect URIs, and non-https JWK set URLs.
	private final Consumer<OAuth2ClientRegistrationAuthenticationContext> springChecks = OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR
		.andThen(OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_JWK_SET_URI_VALIDATOR);

	@Override
	public void accept(OAuth2ClientRegistrationAuthenticationContext context) {
		this.springChecks.accept(context);
		OAuth2ClientRegistration registration = context.<OAuth2ClientRegistrationAuthenticationToken>getAuthentication()
			.getClientRegistration();
		if (isEmpty(registration.getRedirectUris())) {
			throw reject(OAuth2ErrorCodes.INVALID_REDIRECT_URI, "redirect_uris is required");
		}
		// Else a registrant could ask for client_credentials and get tokens that no user
		// approved.
		if (!isEmpty(registration.getGrantTypes()) && !GRANT_TYPES.containsAll(registration.getGrantTypes())) {
			throw reject(INVALID_CLIENT_METADATA, "grant_types may only be authorization_code and refresh_token");
		}
		if (!isEmpty(registration.getResponseTypes()) && !Set.of("code").containsAll(registration.getResponseTypes())) {
			throw reject(INVALID_CLIENT_METADATA, "response_types may only be code");
		}
		// Spring would quietly turn any other method into client_secret_basic.
		String method = registration.getTokenEndpointAuthenticationMethod();
		if (method != null && !AUTH_METHODS.contains(method)) {
			throw reject(INVALID_CLIENT_METADATA, "token_endpoint_auth_method must be one of " + AUTH_METHODS);
		}
		for (String scope : requestedScopes(registration)) {
			if (GatewayScope.of(scope).isEmpty()) {
				throw reject(OAuth2ErrorCodes.INVALID_SCOPE,
						"scope may only contain " + String.join(" ", GatewayScope.allValues()));
			}
		}
	}

	/** The scopes asked for, without the empty one the MCP Inspector sends. */
	static List<String> requestedScopes(OAuth2ClientRegistration registration) {
		List<String> scopes = registration.getScopes();
		if (scopes == null) {
			return List.of();
		}
		return scopes.stream().filter((scope) -> scope != null && !scope.isBlank()).toList();
	}

	private static boolean isEmpty(List<String> values) {
		return values == null || values.isEmpty();
	}

	private static OAuth2AuthenticationException reject(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
	}

}
