package dev.telephony.sandbox.system;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the simulated Vonage account and application.
 *
 * @param applicationId id of the simulated Vonage application; callers' JWTs must carry
 * it as {@code application_id}
 * @param publicKey PEM (X.509 {@code BEGIN PUBLIC KEY}) of the application's RSA public
 * key
 * @param publicKeyPath file holding the same PEM, as an alternative to {@code publicKey}
 * @param apiKey account API key accepted with Basic auth and sent as {@code api_key} in
 * webhook JWTs
 * @param apiSecret account API secret accepted with Basic auth
 * @param signatureSecret HS256 key of the webhook JWTs (Vonage's account signature
 * secret)
 * @param deliveryDelay pause before each status webhook of a message
 * @param defaultStatusUrl where status webhooks go when a message has no
 * {@code webhook_url}; without it they are skipped
 * @param webhookAttempts attempts per webhook, first try included
 * @param webhookRetryBackoff pause between attempts of one webhook
 * @param webhookTimeout connect and response timeout of one webhook attempt
 * @param journalCapacity how many journal entries are kept (oldest dropped first)
 */
@Validated
@ConfigurationProperties("sandbox")
public record SandboxProperties(@DefaultValue(DEV_APPLICATION_ID) @NotNull UUID applicationId,
		@Nullable String publicKey, @Nullable Path publicKeyPath, @DefaultValue("sandbox-key") @NotBlank String apiKey,
		@DefaultValue("sandbox-secret") @NotBlank String apiSecret,
		@DefaultValue(DEV_SIGNATURE_SECRET) @NotBlank @Size(min = 32) String signatureSecret,
		@DefaultValue("200ms") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 10) Duration deliveryDelay,
		@Nullable URI defaultStatusUrl, @DefaultValue("3") @Min(1) @Max(10) int webhookAttempts,
		@DefaultValue("500ms") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 5) Duration webhookRetryBackoff,
		@DefaultValue("5s") @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 5) Duration webhookTimeout,
		@DefaultValue("10000") @Min(1) @Max(1_000_000) int journalCapacity) {

	/** Documented development default; real Vonage application ids are random UUIDs. */
	public static final String DEV_APPLICATION_ID = "00000000-0000-4000-8000-000000000000";

	static final String DEV_SIGNATURE_SECRET = "sandbox-signature-secret-for-local-development-only";

	@AssertTrue(message = "must be an absolute http or https URL")
	boolean isDefaultStatusUrlValid() {
		return this.defaultStatusUrl == null || isHttpUrl(this.defaultStatusUrl);
	}

	/**
	 * Whether a URI is something the sandbox can POST a webhook to.
	 * @param uri the URI to check
	 * @return true for absolute http(s) URIs with a host
	 */
	public static boolean isHttpUrl(URI uri) {
		String scheme = uri.getScheme();
		return uri.isAbsolute() && uri.getHost() != null
				&& ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
	}

	// Secrets must never reach logs, actuator output or failure messages.
	@Override
	public String toString() {
		return "SandboxProperties[applicationId=" + this.applicationId + ", publicKey="
				+ ((this.publicKey != null) ? "<set>" : "<unset>") + ", publicKeyPath=" + this.publicKeyPath
				+ ", apiKey=" + this.apiKey + ", apiSecret=<redacted>, signatureSecret=<redacted>, deliveryDelay="
				+ this.deliveryDelay + ", defaultStatusUrl=" + this.defaultStatusUrl + ", webhookAttempts="
				+ this.webhookAttempts + ", webhookRetryBackoff=" + this.webhookRetryBackoff + ", webhookTimeout="
				+ this.webhookTimeout + ", journalCapacity=" + this.journalCapacity + "]";
	}

}
