package dev.telephony.authserver.registration;

import java.util.List;

import dev.telephony.authserver.scopes.GatewayScope;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.converter.OAuth2ClientRegistrationRegisteredClientConverter;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * Turns an accepted registration into a client. Spring's converter does the mapping; this
 * adds what the MCP authorization spec asks for: PKCE for every client, refresh tokens
 * that rotate, and all the gateway's scopes for a client that asked for none (Claude asks
 * for none, and then may only request scopes it registered).
 */
public final class RegisteredClientFactory implements Converter<OAuth2ClientRegistration, RegisteredClient> {

	private final OAuth2ClientRegistrationRegisteredClientConverter spring = new OAuth2ClientRegistrationRegisteredClientConverter();

	public RegisteredClientFactory() {
		this.spring.setTokenSettingsCustomizer((settings) -> settings.reuseRefreshTokens(false));
	}

	@Override
	public RegisteredClient convert(OAuth2ClientRegistration registration) {
		RegisteredClient client = this.spring.convert(registration);
		List<String> requested = ClientRegistrationPolicy.requestedScopes(registration);
		return RegisteredClient.from(client).scopes((scopes) -> {
			scopes.clear();
			scopes.addAll(requested.isEmpty() ? GatewayScope.allValues() : requested);
		})
			.clientSettings(ClientSettings.withSettings(client.getClientSettings().getSettings())
				.requireProofKey(true)
				.requireAuthorizationConsent(true)
				.build())
			.build();
	}

}
