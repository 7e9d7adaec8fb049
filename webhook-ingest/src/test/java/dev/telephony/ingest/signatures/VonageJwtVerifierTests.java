package dev.telephony.ingest.signatures;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.telephony.ingest.VonageSigning;
import dev.telephony.ingest.publishing.RawWebhook;
import dev.telephony.ingest.publishing.WebhookRejectedException;
import dev.telephony.ingest.signatures.SignatureProperties.SmsSignatureMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VonageJwtVerifierTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

	private static final String SECRET = VonageSigning.SECRET;

	private static final byte[] BODY = """
			{"uuid":"63f61863-4a51-4f6b-86e1-46edebcf9356","status":"answered","timestamp":"2026-11-23T10:15:29.000Z"}"""
		.getBytes(StandardCharsets.UTF_8);

	private final VonageJwtVerifier verifier = new VonageJwtVerifier(
			TestSettings.properties(SECRET, SmsSignatureMethod.MD5HASH), JsonMapper.builder().build(),
			Clock.fixed(NOW, ZoneOffset.UTC));

	/** Each case: what is sent, and the failure expected (null: accepted). */
	static Stream<Arguments> cases() {
		byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("answered", "completed")
			.getBytes(StandardCharsets.UTF_8);
		return Stream.of(Arguments.of("valid", bearer(Algorithm.HMAC256(SECRET), BODY, NOW), BODY, null),
				Arguments.of("valid, iat within the allowed skew",
						bearer(Algorithm.HMAC256(SECRET), BODY, NOW.plusSeconds(20)), BODY, null),
				Arguments.of("valid, iat just inside the max age",
						bearer(Algorithm.HMAC256(SECRET), BODY, NOW.minusSeconds(299)), BODY, null),
				Arguments.of("unsigned", null, BODY, "missing"),
				Arguments.of("basic instead of bearer", "Basic YWJjOmRlZg==", BODY, "missing"),
				Arguments.of("not a JWT", "Bearer not-a-jwt", BODY, "malformed"),
				Arguments.of("wrong secret",
						bearer(Algorithm.HMAC256("another-secret-0123456789abcdefghijkl"), BODY, NOW), BODY,
						"bad_signature"),
				Arguments.of("tampered body", bearer(Algorithm.HMAC256(SECRET), BODY, NOW), tampered,
						"payload_mismatch"),
				Arguments.of("stale iat", bearer(Algorithm.HMAC256(SECRET), BODY, NOW.minusSeconds(301)), BODY,
						"stale"),
				Arguments.of("future iat", bearer(Algorithm.HMAC256(SECRET), BODY, NOW.plusSeconds(31)), BODY,
						"future"),
				Arguments.of("wrong algorithm (HS512)", bearer(Algorithm.HMAC512(SECRET), BODY, NOW), BODY,
						"wrong_algorithm"),
				Arguments.of("alg none", bearer(Algorithm.none(), BODY, NOW), BODY, "wrong_algorithm"),
				Arguments.of("no iat",
						"Bearer " + JWT.create()
							.withClaim("payload_hash", VonageSigning.sha256Hex(BODY))
							.sign(Algorithm.HMAC256(SECRET)),
						BODY, "malformed"),
				Arguments.of("no payload_hash",
						"Bearer " + JWT.create().withIssuedAt(NOW).sign(Algorithm.HMAC256(SECRET)), BODY,
						"payload_mismatch"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void postWebhook(String name, String authorization, byte[] body, String failure) {
		RawWebhook webhook = new RawWebhook("voice-event", "POST", "application/json", authorization, Map.of(), body);
		if (failure == null) {
			assertThatCode(() -> this.verifier.verify(webhook)).doesNotThrowAnyException();
		}
		else {
			assertThatExceptionOfType(WebhookRejectedException.class).isThrownBy(() -> this.verifier.verify(webhook))
				.satisfies(
						(ex) -> org.assertj.core.api.Assertions.assertThat(ex.signatureFailure()).isEqualTo(failure));
		}
	}

	@Test
	void getWebhookIsHashedAsJsonOfItsQueryInOrder() {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("to", "447700900000");
		query.put("from", "447700900123");
		query.put("uuid", "aaaaaaaa-bbbb-4ccc-8ddd-0123456789cd");
		String hashed = "{\"to\":\"447700900000\",\"from\":\"447700900123\",\"uuid\":\"aaaaaaaa-bbbb-4ccc-8ddd-0123456789cd\"}";
		String authorization = bearer(Algorithm.HMAC256(SECRET), hashed.getBytes(StandardCharsets.UTF_8), NOW);
		assertThatCode(() -> this.verifier.verify(get(authorization, query))).doesNotThrowAnyException();

		Map<String, String> reordered = new LinkedHashMap<>();
		reordered.put("from", "447700900123");
		reordered.put("to", "447700900000");
		reordered.put("uuid", "aaaaaaaa-bbbb-4ccc-8ddd-0123456789cd");
		assertThatExceptionOfType(WebhookRejectedException.class)
			.isThrownBy(() -> this.verifier.verify(get(authorization, reordered)));
	}

	@Test
	void getWebhookMayOrMayNotHaveOurCommandIdInItsHash() {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("cid", "019a5f3e-7c41-7b2a-9d1e-3f5a2b8c4d11");
		query.put("uuid", "u-1");
		String withCid = "{\"cid\":\"019a5f3e-7c41-7b2a-9d1e-3f5a2b8c4d11\",\"uuid\":\"u-1\"}";
		String withoutCid = "{\"uuid\":\"u-1\"}";
		for (String hashed : new String[] { withCid, withoutCid }) {
			String authorization = bearer(Algorithm.HMAC256(SECRET), hashed.getBytes(StandardCharsets.UTF_8), NOW);
			assertThatCode(() -> this.verifier.verify(get(authorization, query))).doesNotThrowAnyException();
		}
	}

	@Test
	void nothingIsCheckedWhenVerificationIsOff() {
		VonageJwtVerifier off = new VonageJwtVerifier(TestSettings.properties(null, SmsSignatureMethod.MD5HASH),
				JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC));
		assertThatCode(() -> off.verify(new RawWebhook("voice-event", "POST", null, null, Map.of(), BODY)))
			.doesNotThrowAnyException();
	}

	private static RawWebhook get(String authorization, Map<String, String> query) {
		return new RawWebhook("voice-answer", "GET", null, authorization, query, new byte[0]);
	}

	private static String bearer(Algorithm algorithm, byte[] payload, Instant issuedAt) {
		return "Bearer " + VonageSigning.jwt(SECRET, algorithm, payload, issuedAt);
	}

}
