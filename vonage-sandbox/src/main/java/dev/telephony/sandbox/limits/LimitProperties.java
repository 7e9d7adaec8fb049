package dev.telephony.sandbox.limits;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Vonage's default rate limits, per account.
 *
 * @param createCallPerSecond {@code POST /v1/calls} per second
 * @param messagesPerSecond {@code POST /v1/messages} per second
 */
@Validated
@ConfigurationProperties("sandbox.limits")
record LimitProperties(@DefaultValue("3") @Min(1) @Max(100_000) int createCallPerSecond,
		@DefaultValue("30") @Min(1) @Max(100_000) int messagesPerSecond) {
}
