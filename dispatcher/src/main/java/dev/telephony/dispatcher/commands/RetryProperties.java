package dev.telephony.dispatcher.commands;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Back-off of requests the provider did not act on: exponential with full jitter, each
 * wait random between zero and {@code initial × 2^(attempt-1)}, at most {@code max}, and
 * never past the command's deadline.
 */
@Validated
@ConfigurationProperties("telephony.dispatcher.retry")
record RetryProperties(@DefaultValue("500ms") @NotNull Duration initial, @DefaultValue("10s") @NotNull Duration max) {
}
