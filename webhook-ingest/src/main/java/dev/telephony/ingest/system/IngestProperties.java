package dev.telephony.ingest.system;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of webhook ingest.
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
 * @param maxBodySize larger webhook bodies are refused with 413
 * @param kafkaSendTimeout how long a webhook waits for Kafka before it is answered 503
 * @param readApi the recent-events read API
 */
@Validated
@ConfigurationProperties("telephony.ingest")
public record IngestProperties(String signatureSecret, @DefaultValue("true") boolean verifySignatures,
		@DefaultValue("5m") @NotNull Duration maxTokenAge, @DefaultValue("30s") @NotNull Duration clockSkew,
		@DefaultValue("md5hash") @NotNull SmsSignatureMethod smsSignatureMethod,
		@DefaultValue("5m") @NotNull Duration smsTimestampTolerance,
		@DefaultValue("64KB") @NotNull DataSize maxBodySize, @DefaultValue("5s") @NotNull Duration kafkaSendTimeout,
		@DefaultValue @Valid @NotNull ReadApi readApi) {

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

	@Override
	public String toString() {
		return "IngestProperties[signatureSecret=" + (verifying() ? "<redacted>" : "<none>") + ", verifySignatures="
				+ this.verifySignatures + ", maxTokenAge=" + this.maxTokenAge + ", clockSkew=" + this.clockSkew
				+ ", smsSignatureMethod=" + this.smsSignatureMethod + ", smsTimestampTolerance="
				+ this.smsTimestampTolerance + ", maxBodySize=" + this.maxBodySize + ", kafkaSendTimeout="
				+ this.kafkaSendTimeout + ", readApi=" + this.readApi + "]";
	}

	/**
	 * @param capacity how many recent events are kept in memory, oldest dropped first
	 * @param lookBack how far back the events topic is replayed on start
	 */
	public record ReadApi(@DefaultValue("10000") @Positive int capacity,
			@DefaultValue("24h") @NotNull Duration lookBack) {

	}

	/** How SMS API webhooks are signed (vonage-api.md §5.2). */
	public enum SmsSignatureMethod {

		/** MD5 of the parameter string followed by the secret. */
		MD5HASH,

		/** HMAC-MD5 keyed with the secret; likewise the others. */
		MD5, SHA1, SHA256, SHA512

	}

}
