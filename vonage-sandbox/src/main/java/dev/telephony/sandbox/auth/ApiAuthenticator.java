package dev.telephony.sandbox.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Checks credentials the way Vonage does for application APIs: an RS256 JWT from the
 * application's private key, or the account's API key and secret over Basic auth.
 */
class ApiAuthenticator {

	private final JWTVerifier verifier;

	private final UUID applicationId;

	private final byte[] basicCredentials;

	ApiAuthenticator(AccountProperties properties, RSAPublicKey publicKey) {
		this.applicationId = properties.applicationId();
		// The SDK sends application_id, iat and jti but no exp; the library still
		// enforces exp/nbf when a token carries them and rejects an iat in the future.
		this.verifier = JWT.require(Algorithm.RSA256(publicKey, null))
			.withClaimPresence("iat")
			.withClaim("application_id",
					(claim, jwt) -> this.applicationId.toString().equalsIgnoreCase(claim.asString()))
			.acceptLeeway(30)
			.build();
		this.basicCredentials = (properties.apiKey() + ":" + properties.apiSecret()).getBytes(StandardCharsets.UTF_8);
	}

	Optional<Caller> authenticate(@Nullable String authorization) {
		if (authorization == null) {
			return Optional.empty();
		}
		if (hasScheme(authorization, "Bearer")) {
			return bearer(authorization.substring(7).strip());
		}
		if (hasScheme(authorization, "Basic")) {
			return basic(authorization.substring(6).strip());
		}
		return Optional.empty();
	}

	private Optional<Caller> bearer(String token) {
		try {
			DecodedJWT jwt = this.verifier.verify(token);
			return Optional
				.of(new Caller(Caller.Method.JWT, UUID.fromString(jwt.getClaim("application_id").asString())));
		}
		catch (JWTVerificationException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private Optional<Caller> basic(String encoded) {
		byte[] given;
		try {
			given = Base64.getDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		// Constant time, so the secret cannot be guessed byte by byte from response
		// times.
		return MessageDigest.isEqual(given, this.basicCredentials) ? Optional.of(new Caller(Caller.Method.BASIC, null))
				: Optional.empty();
	}

	private static boolean hasScheme(String authorization, String scheme) {
		return authorization.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1);
	}

}
