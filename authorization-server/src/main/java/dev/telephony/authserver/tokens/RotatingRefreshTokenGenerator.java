package dev.telephony.authserver.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens for every client registered for the refresh grant, public ones too.
 * Spring's generator gives public clients none, but MCP clients are mostly public and the
 * MCP authorization spec gives them rotated refresh tokens instead: each refresh returns
 * a new one (clients are registered with {@code reuseRefreshTokens=false}) and the old
 * one stops working, so a stolen one is good for one use at most.
 */
public final class RotatingRefreshTokenGenerator implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);

	private final TokenProperties properties;

	private final Clock clock;

	public RotatingRefreshTokenGenerator(TokenProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public @Nullable OAuth2RefreshToken generate(OAuth2TokenContext context) {
		if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType()) || !context.getRegisteredClient()
			.getAuthorizationGrantTypes()
			.contains(AuthorizationGrantType.REFRESH_TOKEN)) {
			return null;
		}
		Instant issuedAt = this.clock.instant();
		return new OAuth2RefreshToken(this.values.generateKey(), issuedAt,
				issuedAt.plus(this.properties.refreshTokenTimeToLive()));
	}

}
