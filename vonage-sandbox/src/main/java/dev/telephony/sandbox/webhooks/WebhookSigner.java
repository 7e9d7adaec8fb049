package dev.telephony.sandbox.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import dev.telephony.sandbox.auth.AccountProperties;
import org.jspecify.annotations.Nullable;

/**
 * Signs webhooks as Vonage does: an HS256 JWT keyed with the account signature secret,
 * binding the exact body bytes through {@code payload_hash}.
 */
class WebhookSigner {

	private final Algorithm algorithm;

	private final String apiKey;

	private final Clock clock;

	WebhookSigner(WebhookProperties properties, AccountProperties account, Clock clock) {
		this.algorithm = Algorithm.HMAC256(properties.signatureSecret().getBytes(StandardCharsets.UTF_8));
		this.apiKey = account.apiKey();
		this.clock = clock;
	}

	String sign(byte[] body, @Nullable UUID applicationId) {
		JWTCreator.Builder jwt = JWT.create()
			.withIssuedAt(this.clock.instant())
			.withJWTId(UUID.randomUUID().toString())
			.withIssuer("Vonage")
			.withClaim("api_key", this.apiKey)
			.withClaim("payload_hash", sha256Hex(body));
		if (applicationId != null) {
			jwt.withClaim("application_id", applicationId.toString());
		}
		return jwt.sign(this.algorithm);
	}

	static String sha256Hex(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK provides SHA-256", ex);
		}
	}

}
