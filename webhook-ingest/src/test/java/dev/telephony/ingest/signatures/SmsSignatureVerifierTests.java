package dev.telephony.ingest.signatures;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.telephony.ingest.VonageSigning;
import dev.telephony.ingest.publishing.WebhookRejectedException;
import dev.telephony.ingest.signatures.SignatureProperties.SmsSignatureMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SmsSignatureVerifierTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

	private static final String SECRET = VonageSigning.SECRET;

	/**
	 * Known answers for base {@code &a=1&b=x_y} and secret {@code secret}, computed with
	 * Python's hashlib and hmac, not with Java.
	 */
	@ParameterizedTest
	@CsvSource({ "MD5HASH, 0e8b0835d0b0239a0747a5ff5c5e8f26", "MD5, 5a81820f39331bbe2156fac09812b661",
			"SHA1, 746c49ae799df971705298b230794f0538b36421",
			"SHA256, 7d7be3e8d7a2dda16fa1ef8fe76adc4aa60154f626df13f18bdd3fd0e169683f",
			"SHA512, 0f548bdd61db64e4025d322fe6d64a3b786bf1a83e97f0760053e4986ad71fab8902340c870dd09c380730b7e4eb21f730a1f21928c9d33df3f21bd31c2af0a7" })
	void signsAsVonageDoes(SmsSignatureMethod method, String expected) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("b", "x=y");
		parameters.put("a", "1");
		String base = SmsSignatureVerifier.signatureBase(parameters, true);
		assertThat(base).isEqualTo("&a=1&b=x_y");
		assertThat(SmsSignatureVerifier.sign(base, "secret", method)).isEqualTo(expected);
	}

	/** Each method: valid in either case, and refused with the wrong secret. */
	static Stream<Arguments> cases() {
		return Stream.of(SmsSignatureMethod.values())
			.flatMap((method) -> Stream.of(Arguments.of(method, "valid", UnaryOperator.identity(), null),
					Arguments.of(method, "valid, upper-case hex", upperCaseSig(), null),
					Arguments.of(method, "unsigned", without("sig"), "missing"),
					Arguments.of(method, "wrong secret", signedWith("another-secret", method), "bad_signature"),
					Arguments.of(method, "tampered text", with("text", "Yes please, cancel"), "bad_signature"),
					Arguments.of(method, "stale timestamp", resigned("timestamp", NOW.minusSeconds(301), method),
							"stale"),
					Arguments.of(method, "future timestamp", resigned("timestamp", NOW.plusSeconds(301), method),
							"future"),
					Arguments.of(method, "no timestamp", without("timestamp"), "malformed")));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("cases")
	void verifiesSig(SmsSignatureMethod method, String name, UnaryOperator<Map<String, String>> change,
			String failure) {
		SmsSignatureVerifier verifier = verifier(method);
		Map<String, String> parameters = change.apply(signed(inbound(NOW), SECRET, method));
		if (failure == null) {
			assertThatCode(() -> verifier.verify("sms-inbound", parameters, List.of())).doesNotThrowAnyException();
		}
		else {
			assertThatExceptionOfType(WebhookRejectedException.class)
				.isThrownBy(() -> verifier.verify("sms-inbound", parameters, List.of()))
				.satisfies((ex) -> assertThat(ex.signatureFailure()).isEqualTo(failure));
		}
	}

	@ParameterizedTest
	@EnumSource(SmsSignatureMethod.class)
	void signatureOfAnotherMethodIsRefused(SmsSignatureMethod method) {
		SmsSignatureMethod other = (method == SmsSignatureMethod.SHA256) ? SmsSignatureMethod.SHA512
				: SmsSignatureMethod.SHA256;
		Map<String, String> parameters = signed(inbound(NOW), SECRET, other);
		assertThatExceptionOfType(WebhookRejectedException.class)
			.isThrownBy(() -> verifier(method).verify("sms-inbound", parameters, List.of()));
	}

	@Test
	void commandIdWeAddedToTheUrlNeedNotBeSigned() {
		Map<String, String> parameters = signed(inbound(NOW), SECRET, SmsSignatureMethod.MD5HASH);
		parameters.put("cid", "019a5f3e-7c41-7b2a-9d1e-3f5a2b8c4d11");
		SmsSignatureVerifier verifier = verifier(SmsSignatureMethod.MD5HASH);
		assertThatCode(() -> verifier.verify("sms-delivery-receipt", parameters, List.of("cid")))
			.doesNotThrowAnyException();
		assertThatExceptionOfType(WebhookRejectedException.class)
			.isThrownBy(() -> verifier.verify("sms-delivery-receipt", parameters, List.of()));
	}

	private static SmsSignatureVerifier verifier(SmsSignatureMethod method) {
		return new SmsSignatureVerifier(TestSettings.properties(SECRET, method), Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static Map<String, String> inbound(Instant timestamp) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("msisdn", "447700900123");
		parameters.put("to", "447700900000");
		parameters.put("messageId", "0A0000000123ABCD1");
		parameters.put("text", "Yes & see you at 8 = great");
		parameters.put("type", "text");
		parameters.put("keyword", "YES");
		parameters.put("message-timestamp", "2026-11-23 10:15:29");
		parameters.put("timestamp", String.valueOf(timestamp.getEpochSecond()));
		parameters.put("nonce", "a3bd4a8b-0c2f-4c1f-9a31-7a1f0c0e2b11");
		return parameters;
	}

	private static Map<String, String> signed(Map<String, String> parameters, String secret,
			SmsSignatureMethod method) {
		Map<String, String> signed = new LinkedHashMap<>(parameters);
		signed.remove("sig");
		signed.put("sig", VonageSigning.smsSig(signed, secret, method.name().toLowerCase(Locale.ROOT)));
		return signed;
	}

	private static UnaryOperator<Map<String, String>> without(String name) {
		return (parameters) -> {
			Map<String, String> changed = new LinkedHashMap<>(parameters);
			changed.remove(name);
			return changed;
		};
	}

	private static UnaryOperator<Map<String, String>> with(String name, String value) {
		return (parameters) -> {
			Map<String, String> changed = new LinkedHashMap<>(parameters);
			changed.put(name, value);
			return changed;
		};
	}

	private static UnaryOperator<Map<String, String>> upperCaseSig() {
		return (parameters) -> with("sig", parameters.get("sig").toUpperCase(Locale.ROOT)).apply(parameters);
	}

	private static UnaryOperator<Map<String, String>> signedWith(String secret, SmsSignatureMethod method) {
		return (parameters) -> signed(parameters, secret, method);
	}

	/** A changed value signed properly: the signature is fine, the time is not. */
	private static UnaryOperator<Map<String, String>> resigned(String name, Instant time, SmsSignatureMethod method) {
		return (parameters) -> signed(with(name, String.valueOf(time.getEpochSecond())).apply(parameters), SECRET,
				method);
	}

}
