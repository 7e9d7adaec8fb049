package dev.telephony.dispatcher.vonage;

import java.util.List;

import dev.telephony.schemas.Event;

/**
 * What one provider request came to.
 *
 * @param tag the bounded {@code outcome} tag it is measured under
 * @param event the outcome, or for a retryable failure the failure to report if retries
 * run out
 * @param retryable whether the provider certainly did not act, so that trying again is
 * safe
 */
public record ProviderOutcome(String tag, Event event, boolean retryable) {

	/** Every tag an outcome has, here and in {@link ProviderFailures}. */
	static final List<String> TAGS = List.of("success", "slot_missed", "rate_limited", "server_error", "client_error",
			"unreachable", "invalid", "unknown");

	ProviderOutcome(String tag, Event event) {
		this(tag, event, false);
	}

	/** No rate slot was had in time: the request was not sent at all. */
	public boolean neverSent() {
		return "slot_missed".equals(this.tag);
	}

	/** Vonage answered 429: the account's limit was exceeded. */
	public boolean rateLimited() {
		return "rate_limited".equals(this.tag);
	}

}
