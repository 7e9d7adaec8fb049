package dev.telephony.ingest.signatures;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.telephony.ingest.publishing.SignatureFailure;
import dev.telephony.ingest.publishing.WebhookRejectedException;
import dev.telephony.ingest.signatures.SignatureProperties.SmsSignatureMethod;

import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;

/**
 * Verifies the {@code sig} parameter of SMS API webhooks (vonage-api.md §5.2): the
 * parameters except {@code sig}, sorted by name, with {@code &} and {@code =} in values
 * replaced by {@code _}, joined as {@code &k1=v1&k2=v2}; then MD5 of that followed by the
 * secret, or an HMAC of it keyed with the secret. Compared case-insensitively, because
 * Vonage's own SDKs disagree on the case of the hex.
 */
@Component
public class SmsSignatureVerifier {

	private final String secret;

	private final SmsSignatureMethod method;

	private final Duration tolerance;

	private final Clock clock;

	SmsSignatureVerifier(SignatureProperties properties, Clock clock) {
		this.secret = properties.verifying() ? properties.signatureSecret() : null;
		this.method = properties.smsSignatureMethod();
		this.tolerance = properties.smsTimestampTolerance();
		this.clock = clock;
	}

	/**
	 * Verify, or do nothing when verification is off.
	 * @param source the kind of webhook, for metrics
	 * @param parameters every parameter of the webhook, from the query, form or JSON body
	 * @param ours names of parameters we put in the webhook URL ourselves, which Vonage
	 * may not have signed
	 * @throws WebhookRejectedException 401 when the signature is missing, wrong or stale
	 */
	public void verify(String source, Map<String, String> parameters, List<String> ours) {
		if (this.secret == null) {
			return;
		}
		String sig = parameters.get("sig");
		if (sig == null || sig.isBlank()) {
			throw WebhookRejectedException.unauthorized(source, SignatureFailure.MISSING.tag(),
					"The webhook has no sig parameter.");
		}
		checkTimestamp(source, parameters.get("timestamp"));
		byte[] given = sig.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
		boolean valid = candidates(parameters, ours).stream()
			.anyMatch((candidate) -> MessageDigest.isEqual(given,
					sign(candidate, this.secret, this.method).getBytes(StandardCharsets.US_ASCII)));
		if (!valid) {
			throw WebhookRejectedException.unauthorized(source, SignatureFailure.BAD_SIGNATURE.tag(),
					"The sig parameter does not match the webhook.");
		}
	}

	private void checkTimestamp(String source, String timestamp) {
		Instant signedAt;
		try {
			signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
		}
		catch (RuntimeException ex) {
			throw WebhookRejectedException.unauthorized(source, SignatureFailure.MALFORMED.tag(),
					"A signed webhook needs a timestamp in unix seconds.");
		}
		Instant now = this.clock.instant();
		if (signedAt.isAfter(now.plus(this.tolerance))) {
			throw WebhookRejectedException.unauthorized(source, SignatureFailure.FUTURE.tag(),
					"The webhook's timestamp is in the future.");
		}
		if (signedAt.isBefore(now.minus(this.tolerance))) {
			throw WebhookRejectedException.unauthorized(source, SignatureFailure.STALE.tag(),
					"The webhook's timestamp is older than " + this.tolerance + ".");
		}
	}

	/**
	 * The SDKs drop empty values before signing, the docs do not say so, and our own URL
	 * parameters may or may not be signed: each variant is tried. Every one still needs
	 * the secret.
	 */
	private static List<String> candidates(Map<String, String> parameters, List<String> ours) {
		Map<String, String> all = new LinkedHashMap<>(parameters);
		all.remove("sig");
		Map<String, String> withoutOurs = new LinkedHashMap<>(all);
		ours.forEach(withoutOurs::remove);
		List<String> candidates = new ArrayList<>();
		for (Map<String, String> set : List.of(all, withoutOurs)) {
			candidates.add(signatureBase(set, true));
			candidates.add(signatureBase(set, false));
		}
		return candidates;
	}

	static String signatureBase(Map<String, String> parameters, boolean keepEmpty) {
		StringBuilder base = new StringBuilder();
		new TreeMap<>(parameters).forEach((name, value) -> {
			if (keepEmpty || (value != null && !value.isEmpty())) {
				String clean = (value != null) ? value.replace('&', '_').replace('=', '_') : "";
				base.append('&').append(name).append('=').append(clean);
			}
		});
		return base.toString();
	}

	static String sign(String base, String secret, SmsSignatureMethod method) {
		if (method == SmsSignatureMethod.MD5HASH) {
			return DigestUtils.md5DigestAsHex((base + secret).getBytes(StandardCharsets.UTF_8));
		}
		String algorithm = switch (method) {
			case MD5 -> "HmacMD5";
			case SHA1 -> "HmacSHA1";
			case SHA256 -> "HmacSHA256";
			case SHA512 -> "HmacSHA512";
			case MD5HASH -> throw new IllegalStateException("handled above");
		};
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
			return HexFormat.of().formatHex(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every JDK provides " + algorithm, ex);
		}
	}

}
