package dev.telephony.gateway.auth;

import java.util.Optional;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * The configured client tokens, for CLI and CI clients that cannot do OAuth. Such a
 * client holds every scope. A token shaped like a JWT is left to the JWT provider when
 * OAuth is on, so that its failure explains what is wrong with the JWT.
 */
final class StaticTokens implements AuthenticationProvider {

	private final Clients clients;

	private final boolean jwtsAccepted;

	StaticTokens(Clients clients, boolean jwtsAccepted) {
		this.clients = clients;
		this.jwtsAccepted = jwtsAccepted;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String token = ((BearerTokenAuthenticationToken) authentication).getToken();
		Optional<String> client = this.clients.authenticate(token);
		if (client.isPresent()) {
			return new StaticClient(client.get());
		}
		if (this.jwtsAccepted && token.chars().filter((c) -> c == '.').count() == 2) {
			return null;
		}
		throw new InvalidBearerTokenException("The bearer token is not one this gateway knows.");
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** A client known by its static token, or a local one let in without: every scope. */
	static final class StaticClient extends AbstractAuthenticationToken {

		private final String name;

		StaticClient(String name) {
			super(Scopes.ALL.stream().map(Scopes::authority).map(SimpleGrantedAuthority::new).toList());
			this.name = name;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public Object getPrincipal() {
			return this.name;
		}

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof StaticClient client && client.name.equals(this.name);
		}

		@Override
		public int hashCode() {
			return this.name.hashCode();
		}

	}

}
