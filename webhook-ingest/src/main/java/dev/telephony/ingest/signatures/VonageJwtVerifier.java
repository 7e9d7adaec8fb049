package dev.telephony.ingest.signatures;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.telephony.ingest.publishing.RawWebhook;
import dev.telephony.ingest.publishing.SignatureFailure;
import dev.telephony.ingest.publishing.WebhookRejectedException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Verifies the {@code Authorization: Bearer} JWT of Voice and Messages webhooks
 * (vonage-api.md §5.1): HS256 with the signature secret, {@code payload_hash} equal to
 * the SHA-256 of what was sent, {@code iat} recent and not in the future. The library
 * checks the signature and algorithm; {@code iat} and the hash are checked here, because
 * no library knows Vonage's rules for them.
 */
@Component
public class VonageJwtVerifier {

	private static final String BEARER = "bearer ";

	private final JsonMapper json;

	private final Clock clock;

	private final JWTVerifier verifier;

	private final Duration maxTokenAge;

	private final Duration clockSkew;

	VonageJwtVerifier(SignatureProperties properties, JsonMapper json, Clock clock) {
		this.json = json;
		this.clock = clock;
		this.verifier = properties.verifying() ? ((JWTVerifier.BaseVerification) JWT
			.require(Algorithm.HMAC256(properties.signatureSecret().getBytes(StandardCharsets.UTF_8)))
			.ignoreIssuedAt()).build(clock) : null;
		this.maxTokenAge = properties.maxTokenAge();
		this.clockSkew = properties.clockSkew();
	}

	/**
	 * Verify the webhook, or do nothing when verification is off.
	 * @throws WebhookRejectedException 401 when the webhook is not signed as Vonage signs
	 */
	public void verify(RawWebhook webhook) {
		if (this.verifier == null) {
			return;
		}
		String header = webhook.authorization();
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			throw refuse(webhook, SignatureFailure.MISSING, "The webhook has no Authorization: Bearer token.");
		}
		DecodedJWT token = decode(webhook, header.substring(BEARER.length()).trim());
		checkIssuedAt(webhook, token.getIssuedAtAsInstant());
		String payloadHash = token.getClaim("payload_hash").asString();
		if (payloadHash == null || payloadCandidates(webhook).stream()
			.map(VonageJwtVerifier::sha256Hex)
			.noneMatch((hash) -> MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
					payloadHash.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII)))) {
			throw refuse(webhook, SignatureFailure.PAYLOAD_MISMATCH,
					"The token's payload_hash does not match the request.");
		}
	}

	private DecodedJWT decode(RawWebhook webhook, String token) {
		try {
			return this.verifier.verify(token);
		}
		catch (AlgorithmMismatchException ex) {
			throw refuse(webhook, SignatureFailure.WRONG_ALGORITHM, "The token is not signed with HS256.");
		}
		catch (SignatureVerificationException ex) {
			throw refuse(webhook, SignatureFailure.BAD_SIGNATURE, "The token's signature is not valid.");
		}
		catch (JWTDecodeException ex) {
			throw refuse(webhook, SignatureFailure.MALFORMED, "The token is not a JWT.");
		}
		catch (TokenExpiredException ex) {
			throw refuse(webhook, SignatureFailure.STALE, "The token has expired.");
		}
		catch (JWTVerificationException ex) {
			throw refuse(webhook, SignatureFailure.BAD_SIGNATURE, "The token is not valid: " + ex.getMessage());
		}
	}

	private void checkIssuedAt(RawWebhook webhook, Instant issuedAt) {
		if (issuedAt == null) {
			throw refuse(webhook, SignatureFailure.MALFORMED, "The token has no iat claim.");
		}
		Instant now = this.clock.instant();
		if (issuedAt.isAfter(now.plus(this.clockSkew))) {
			throw refuse(webhook, SignatureFailure.FUTURE, "The token was issued in the future.");
		}
		if (issuedAt.isBefore(now.minus(this.maxTokenAge))) {
			throw refuse(webhook, SignatureFailure.STALE, "The token is older than " + this.maxTokenAge + ".");
		}
	}

	/**
	 * What Vonage may have hashed: the body of a POST; for a GET, a whitespace-free JSON
	 * object of the query parameters in their order. Whether that object includes the
	 * {@code cid} we put in the URL ourselves is not documented, so both are accepted.
	 */
	private List<byte[]> payloadCandidates(RawWebhook webhook) {
		if (!webhook.isGet()) {
			return List.of(webhook.body());
		}
		List<byte[]> candidates = new ArrayList<>();
		candidates.add(queryJson(webhook.query(), null));
		if (webhook.query().containsKey("cid")) {
			candidates.add(queryJson(webhook.query(), "cid"));
		}
		return candidates;
	}

	private byte[] queryJson(Map<String, String> query, String skipped) {
		ObjectNode object = this.json.createObjectNode();
		query.forEach((name, value) -> {
			if (!name.equals(skipped)) {
				object.put(name, value);
			}
		});
		return this.json.writeValueAsBytes(object);
	}

	private static WebhookRejectedException refuse(RawWebhook webhook, SignatureFailure failure, String detail) {
		return WebhookRejectedException.unauthorized(webhook.source(), failure.tag(), detail);
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
