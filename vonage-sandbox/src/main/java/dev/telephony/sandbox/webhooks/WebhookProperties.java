package dev.telephony.sandbox.webhooks;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the sandbox signs and delivers webhooks.
 *
 * @param signatureSecret HS256 key of the webhook JWTs (Vonage's account signature
 * secret)
 * @param webhookRetrySchedule pauses before the retries of a webhook that failed with
 * 429, 5xx or no answer; its length is the number of retries
 * @param webhookTimeout connect and response timeout of one webhook attempt
 */
@Validated
@ConfigurationProperties("sandbox")
public record WebhookProperties(
		@DefaultValue(DEV_SIGNATURE_SECRET) @NotBlank @Size(min = 32) String signatureSecret, @DefaultValue( {
				"500ms", "1s", "2s" }) @NotNull @Size(
						max = 10) List<@NotNull @DurationMin(millis = 0) @DurationMax(
								minutes = 5) Duration> webhookRetrySchedule,
		@DefaultValue("5s") @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 5) Duration webhookTimeout){

	static final String DEV_SIGNATURE_SECRET = "sandbox-signature-secret-for-local-development-only";

	// The secret must never reach logs, actuator output or failure messages.
	@Override
	public String toString() {
		return "WebhookProperties[signatureSecret=<redacted>, webhookRetrySchedule=" + this.webhookRetrySchedule
				+ ", webhookTimeout=" + this.webhookTimeout + "]";
	}

}
