package dev.telephony.sandbox.messages;

import java.net.URI;
import java.time.Duration;

import dev.telephony.sandbox.webhooks.WebhookUrls;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the simulated Messages API reports on messages and plays scripted replies.
 *
 * @param deliveryDelay pause before each status webhook of a message
 * @param defaultStatusUrl where status webhooks go when a message has no
 * {@code webhook_url}; without it they are skipped
 * @param inboundUrl where inbound-message webhooks (scripted SMS replies) go; skipped
 * when unset
 */
@Validated
@ConfigurationProperties("sandbox")
record MessageProperties(
		@DefaultValue("200ms") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 10) Duration deliveryDelay,
		@Nullable URI defaultStatusUrl, @Nullable URI inboundUrl) {

	@AssertTrue(message = "must be an absolute http or https URL")
	boolean isDefaultStatusUrlValid() {
		return this.defaultStatusUrl == null || WebhookUrls.isHttpUrl(this.defaultStatusUrl);
	}

	@AssertTrue(message = "must be an absolute http or https URL")
	boolean isInboundUrlValid() {
		return this.inboundUrl == null || WebhookUrls.isHttpUrl(this.inboundUrl);
	}

}
