package dev.telephony.sandbox.system;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
 * @param webhookRetrySchedule pauses before the retries of a webhook that failed with
 * 429, 5xx or no answer; its length is the number of retries
 * @param webhookTimeout connect and response timeout of one webhook attempt
 * @param journalCapacity how many journal entries are kept (oldest dropped first)
 * @param timeScale factor applied to every scripted delay (ring time, answer delay, talk
 * duration, input timeouts, reply delay), so tests can run calls faster than real time
 * @param limits request rate limits
 * @param scenariosFile YAML or JSON scenario file that overrides and extends the built-in
 * one
 * @param inboundUrl where inbound-message webhooks (scripted SMS replies) go; skipped
 * when unset
 * @param faults faults injected from startup on (all off by default)
 */
@Validated
@ConfigurationProperties("sandbox")
public record SandboxProperties(@DefaultValue(DEV_APPLICATION_ID) @NotNull UUID applicationId,
		@Nullable String publicKey, @Nullable Path publicKeyPath, @DefaultValue("sandbox-key") @NotBlank String apiKey,
		@DefaultValue("sandbox-secret") @NotBlank String apiSecret,
		@DefaultValue(DEV_SIGNATURE_SECRET) @NotBlank @Size(min = 32) String signatureSecret,
		@DefaultValue("200ms") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 10) Duration deliveryDelay,
		@Nullable URI defaultStatusUrl, @DefaultValue( {
				"500ms", "1s", "2s" }) @NotNull @Size(
						max = 10) List<@NotNull @DurationMin(millis = 0) @DurationMax(
								minutes = 5) Duration> webhookRetrySchedule,
		@DefaultValue("5s") @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 5) Duration webhookTimeout,
		@DefaultValue("10000") @Min(1) @Max(1_000_000) int journalCapacity,
		@DefaultValue("1.0") @DecimalMin("0.001") @DecimalMax("100") double timeScale,
		@DefaultValue @NotNull @Valid Limits limits, @Nullable Path scenariosFile, @Nullable URI inboundUrl,
		@DefaultValue @NotNull @Valid Faults faults){

	/** Documented development default; real Vonage application ids are random UUIDs. */
	public static final String DEV_APPLICATION_ID = "00000000-0000-4000-8000-000000000000";

	static final String DEV_SIGNATURE_SECRET = "sandbox-signature-secret-for-local-development-only";

	@AssertTrue(message = "must be an absolute http or https URL")
	boolean isDefaultStatusUrlValid() {
		return this.defaultStatusUrl == null || isHttpUrl(this.defaultStatusUrl);
	}

	@AssertTrue(message = "must be an absolute http or https URL")
	boolean isInboundUrlValid() {
		return this.inboundUrl == null || isHttpUrl(this.inboundUrl);
	}

	/**
	 * Scales a scripted delay by {@code sandbox.time-scale}.
	 * @param scripted the delay in real time
	 * @return the delay to actually wait
	 */
	public Duration scaled(Duration scripted) {
		return Duration.ofNanos((long) (scripted.toNanos() * this.timeScale));
	}

	/**
	 * Vonage's default rate limits, per account.
	 *
	 * @param createCallPerSecond {@code POST /v1/calls} per second
	 * @param messagesPerSecond {@code POST /v1/messages} per second
	 */
	public record Limits(@DefaultValue("3") @Min(1) @Max(100_000) int createCallPerSecond,
			@DefaultValue("30") @Min(1) @Max(100_000) int messagesPerSecond) {
	}

	/**
	 * Faults to inject; ratios are probabilities between 0 and 1.
	 *
	 * @param latency added before every {@code /v1} request is processed
	 * @param errorRatio share of {@code /v1} requests answered 500 without processing
	 * @param dropBeforeRatio share of {@code /v1} requests whose connection is cut before
	 * processing
	 * @param dropAfterRatio share of {@code /v1} requests processed but whose answer is
	 * cut off
	 * @param webhookDelay added before every webhook
	 * @param webhookDuplicateRatio share of status webhooks sent twice
	 * @param webhookReorderRatio share of status webhooks held back until after the next
	 * one
	 */
	public record Faults(
			@DefaultValue("0ms") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 5) Duration latency,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double errorRatio,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double dropBeforeRatio,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double dropAfterRatio,
			@DefaultValue("0ms") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 5) Duration webhookDelay,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double webhookDuplicateRatio,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double webhookReorderRatio) {

		/** No faults at all. */
		public static final Faults NONE = new Faults(Duration.ZERO, 0, 0, 0, Duration.ZERO, 0, 0);

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
				+ this.deliveryDelay + ", defaultStatusUrl=" + this.defaultStatusUrl + ", webhookRetrySchedule="
				+ this.webhookRetrySchedule + ", webhookTimeout=" + this.webhookTimeout + ", journalCapacity="
				+ this.journalCapacity + ", timeScale=" + this.timeScale + ", limits=" + this.limits
				+ ", scenariosFile=" + this.scenariosFile + ", inboundUrl=" + this.inboundUrl + ", faults="
				+ this.faults + "]";
	}

}
