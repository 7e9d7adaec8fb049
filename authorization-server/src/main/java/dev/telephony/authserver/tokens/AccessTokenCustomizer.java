package dev.telephony.authserver.tokens;

import java.time.Instant;
import java.util.Collections;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes the access token for the gateway. Its audience is the resource the client asked
 * for (RFC 8707), so a token for this gateway is refused by any other resource server and
 * the other way round; Spring does not do this itself. {@code scope} is a space-separated
 * string as RFC 9068 writes it, and the lifetime is this server's setting rather than the
 * one stored with each client, so that changing it applies to clients registered before.
 */
public final class AccessTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final TokenProperties properties;

	public AccessTokenCustomizer(TokenProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		String resource = resource(context);
		if (resource != null) {
			// A JDK immutable list would not pass the allow-list of the JSON the
			// JDBC authorization service stores claims in.
			context.getClaims().audience(Collections.singletonList(resource));
		}
		context.getClaims()
			.claim("client_id", context.getRegisteredClient().getClientId())
			.claim("scope", String.join(" ", new TreeSet<>(context.getAuthorizedScopes())))
			.claims((claims) -> {
				Object issuedAt = claims.get("iat");
				Instant from = (issuedAt instanceof Instant instant) ? instant : Instant.now();
				claims.put("exp", from.plus(this.properties.accessTokenTimeToLive()));
			});
	}

	/**
	 * The token request's resource if it names one, else the authorization request's.
	 * Both may name one only if it is the same: the user approved access to that one.
	 */
	private @Nullable String resource(JwtEncodingContext context) {
		String approved = ResourceIndicators.ofAuthorizationRequest(context.getAuthorization());
		String requested = null;
		if (context.getAuthorizationGrant() instanceof OAuth2AuthorizationGrantAuthenticationToken grant) {
			requested = ResourceIndicators.single(grant.getAdditionalParameters());
		}
		if (requested != null && approved != null && !requested.equals(approved)) {
			throw ResourceIndicators.invalidTarget("resource differs from the one authorized");
		}
		String resource = (requested != null) ? requested : approved;
		if (resource != null && !this.properties.allows(resource)) {
			throw ResourceIndicators.invalidTarget("resource is not served by this authorization server");
		}
		return resource;
	}

}
