package dev.telephony.dispatcher.system;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the dispatcher paces and retries provider requests.
 *
 * @param rateLimits the account's global limits, shared by every dispatcher
 * @param retry back-off of requests the provider did not act on
 */
@Validated
@ConfigurationProperties("telephony.dispatcher")
public record DispatcherProperties(@DefaultValue @Valid RateLimits rateLimits, @DefaultValue @Valid Retry retry) {

	/**
	 * Requests per second for the whole Vonage account; each dispatcher takes the share
	 * of its assigned partitions.
	 *
	 * @param createCallPerSecond call creations (Vonage allows about 3)
	 * @param messagesPerSecond messages (Vonage allows about 30)
	 * @param sendMargin how late after its slot's start a request may still be sent;
	 * later, it takes a later slot
	 * @param transitMargin how much longer one request may take than another from being
	 * sent to being counted by the provider
	 */
	public record RateLimits(@DefaultValue("3") @Positive double createCallPerSecond,
			@DefaultValue("30") @Positive double messagesPerSecond, @DefaultValue("10ms") @NotNull Duration sendMargin,
			@DefaultValue("10ms") @NotNull Duration transitMargin) {
	}

	/**
	 * Exponential back-off with full jitter: each wait is random between zero and
	 * {@code initial × 2^(attempt-1)}, at most {@code max}, and never past the command's
	 * deadline.
	 */
	public record Retry(@DefaultValue("500ms") @NotNull Duration initial, @DefaultValue("10s") @NotNull Duration max) {
	}

}
