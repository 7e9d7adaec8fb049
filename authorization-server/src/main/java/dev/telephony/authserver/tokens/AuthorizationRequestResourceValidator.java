package dev.telephony.authserver.tokens;

import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;

/**
 * Checks an authorization request's {@code resource} before the user is asked to consent,
 * after Spring's own checks of redirect URI and scope: the user should not approve access
 * to something no token will be issued for.
 */
public final class AuthorizationRequestResourceValidator
		implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private final Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> spring = new OAuth2AuthorizationCodeRequestAuthenticationValidator();

	private final TokenProperties properties;

	public AuthorizationRequestResourceValidator(TokenProperties properties) {
		this.properties = properties;
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		this.spring.accept(context);
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		try {
			String resource = ResourceIndicators.single(request.getAdditionalParameters());
			if (resource != null && !this.properties.allows(resource)) {
				throw ResourceIndicators.invalidTarget("resource is not served by this authorization server");
			}
		}
		catch (OAuth2AuthenticationException ex) {
			// With the request attached, Spring sends the error to the (already checked)
			// redirect URI, as RFC 6749 section 4.1.2.1 asks.
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(ex.getError(), request);
		}
	}

}
