package dev.telephony.sandbox.faults;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Faults to inject, from start-up on (all off by default) or as set through
 * {@code /_sandbox/faults}; ratios are probabilities between 0 and 1.
 *
 * @param latency added before every {@code /v1} request is processed
 * @param errorRatio share of {@code /v1} requests answered 500 without processing
 * @param dropBeforeRatio share of {@code /v1} requests whose connection is cut before
 * processing
 * @param dropAfterRatio share of {@code /v1} requests processed but whose answer is cut
 * off
 * @param webhookDelay added before every webhook
 * @param webhookDuplicateRatio share of status webhooks sent twice
 * @param webhookReorderRatio share of status webhooks held back until after the next one
 */
@Validated
@ConfigurationProperties("sandbox.faults")
public record InjectedFaults(
		@DefaultValue("0ms") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 5) Duration latency,
		@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double errorRatio,
		@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double dropBeforeRatio,
		@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double dropAfterRatio,
		@DefaultValue("0ms") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 5) Duration webhookDelay,
		@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double webhookDuplicateRatio,
		@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double webhookReorderRatio) {

	/** No faults at all. */
	public static final InjectedFaults NONE = new InjectedFaults(Duration.ZERO, 0, 0, 0, Duration.ZERO, 0, 0);

}
