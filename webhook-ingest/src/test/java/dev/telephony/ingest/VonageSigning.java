package dev.telephony.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

/**
 * Signs test webhooks as Vonage does (vonage-api.md §5), written apart from the
 * production verifiers so that a shared mistake cannot make both agree.
 */
public final class VonageSigning {

	public static final String SECRET = "ingest-test-signature-secret-0123456789abcdef";

	private VonageSigning() {
	}

	/** {@code Bearer <HS256 JWT>} for this payload, issued now. */
	public static String bearer(byte[] payload) {
		return "Bearer " + jwt(SECRET, Algorithm.HMAC256(SECRET), payload, Instant.now());
	}

	public static String bearer(String payload) {
		return bearer(payload.getBytes(StandardCharsets.UTF_8));
	}

	public static String jwt(String secret, Algorithm algorithm, byte[] payload, Instant issuedAt) {
		return JWT.create()
			.withIssuedAt(issuedAt)
			.withJWTId(UUID.randomUUID().toString())
			.withIssuer("Vonage")
			.withClaim("api_key", "abcd1234")
			.withClaim("application_id", "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
			.withClaim("payload_hash", sha256Hex(payload))
			.sign(algorithm);
	}

	public static String sha256Hex(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The {@code sig} of SMS webhook parameters.
	 * @param method {@code md5hash}, {@code md5}, {@code sha1}, {@code sha256} or
	 * {@code sha512}
	 */
	public static String smsSig(Map<String, String> parameters, String secret, String method) {
		String base = new TreeMap<>(parameters).entrySet()
			.stream()
			.map((entry) -> "&" + entry.getKey() + "=" + entry.getValue().replaceAll("[&=]", "_"))
			.collect(Collectors.joining());
		try {
			if (method.equals("md5hash")) {
				return HexFormat.of()
					.formatHex(
							MessageDigest.getInstance("MD5").digest((base + secret).getBytes(StandardCharsets.UTF_8)));
			}
			String algorithm = "Hmac" + method.toUpperCase();
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
			return HexFormat.of().formatHex(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
