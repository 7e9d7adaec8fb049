package dev.telephony.authserver.tokens;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the issued tokens say and how long they last.
 *
 * @param issuer the issuer URL clients discover and tokens carry in {@code iss}: the
 * address clients reach this server at, without a trailing slash
 * @param resources the resources (RFC 8707) a client may ask a token for, such as the
 * gateway's {@code https://host/mcp}; empty allows any
 * @param accessTokenTimeToLive how long an access token is accepted
 * @param refreshTokenTimeToLive how long a refresh token can be used, counted from when
 * it was issued; each use returns a new one
 */
@Validated
@ConfigurationProperties("telephony.auth")
public record TokenProperties(@NotNull URI issuer, @DefaultValue List<URI> resources,
		@NotNull @DefaultValue("1h") Duration accessTokenTimeToLive,
		@NotNull @DefaultValue("30d") Duration refreshTokenTimeToLive) {

	public TokenProperties {
		if (issuer != null && issuer.toString().endsWith("/")) {
			throw new IllegalArgumentException("telephony.auth.issuer must not end with '/': " + issuer);
		}
	}

	/** Whether {@code resource} may be the audience of a token. */
	boolean allows(String resource) {
		return this.resources.isEmpty() || this.resources.stream().anyMatch((uri) -> uri.toString().equals(resource));
	}

}
