package dev.telephony.dispatcher.ratelimit;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Requests per second for the whole Vonage account, shared by every dispatcher; the same
 * on every dispatcher (see docs/adr/0005-global-rate-slots.md).
 *
 * @param createCallPerSecond call creations (Vonage allows about 3)
 * @param messagesPerSecond messages (Vonage allows about 30)
 * @param sendMargin how late after its slot's start a request may still be sent; later,
 * it takes a later slot
 * @param transitMargin how much longer one request may take than another from being sent
 * to being counted by the provider
 */
@Validated
@ConfigurationProperties("telephony.dispatcher.rate-limits")
public record RateLimitProperties(@DefaultValue("3") @Positive double createCallPerSecond,
		@DefaultValue("30") @Positive double messagesPerSecond, @DefaultValue("10ms") @NotNull Duration sendMargin,
		@DefaultValue("10ms") @NotNull Duration transitMargin) {
}
