package dev.telephony.ingest.signatures;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How webhooks prove they come from Vonage.
 *
 * @param signatureSecret the Vonage account signature secret: HS256 key of the Voice and
 * Messages webhook JWTs and key of the SMS {@code sig}; verification is on whenever it is
 * set
 * @param verifySignatures whether webhooks must be signed; without a secret the service
 * refuses to start unless this is false
 * @param maxTokenAge a JWT whose {@code iat} is older is stale
 * @param clockSkew how far in the future an {@code iat} may be, for clocks that differ
 * @param smsSignatureMethod the signature method chosen for the API key in the dashboard
 * @param smsTimestampTolerance how far an SMS webhook's {@code timestamp} may be from now
 */
@Validated
@ConfigurationProperties("telephony.ingest")
public record SignatureProperties(String signatureSecret, @DefaultValue("true") boolean verifySignatures,
		@DefaultValue("5m") @NotNull Duration maxTokenAge, @DefaultValue("30s") @NotNull Duration clockSkew,
		@DefaultValue("md5hash") @NotNull SmsSignatureMethod smsSignatureMethod,
		@DefaultValue("5m") @NotNull Duration smsTimestampTolerance) {

	/**
	 * Whether webhooks are verified: whenever a secret is configured, so that setting one
	 * can never leave the endpoints open by mistake.
	 */
	public boolean verifying() {
		return this.signatureSecret != null && !this.signatureSecret.isBlank();
	}

	@AssertTrue(message = "telephony.ingest.signature-secret (env VONAGE_SIGNATURE_SECRET) is not set: set it, "
			+ "or switch webhook verification off explicitly with telephony.ingest.verify-signatures=false")
	boolean isSignatureSecretSetWhenVerifying() {
		return verifying() || !this.verifySignatures;
	}

	// The secret must never reach logs, actuator output or failure messages.
	@Override
	public String toString() {
		return "SignatureProperties[signatureSecret=" + (verifying() ? "<redacted>" : "<none>") + ", verifySignatures="
				+ this.verifySignatures + ", maxTokenAge=" + this.maxTokenAge + ", clockSkew=" + this.clockSkew
				+ ", smsSignatureMethod=" + this.smsSignatureMethod + ", smsTimestampTolerance="
				+ this.smsTimestampTolerance + "]";
	}

	/** How SMS API webhooks are signed (vonage-api.md §5.2). */
	public enum SmsSignatureMethod {

		/** MD5 of the parameter string followed by the secret. */
		MD5HASH,

		/** HMAC-MD5 keyed with the secret; likewise the others. */
		MD5, SHA1, SHA256, SHA512

	}

}
