package dev.telephony.sandbox.webhooks;

import org.jspecify.annotations.Nullable;

/**
 * The final answer to a webhook, after any retries.
 *
 * @param code HTTP status of the last attempt, {@code null} if no answer came
 * @param body body of the last answer, empty if none
 */
public record Delivery(@Nullable Integer code, byte[] body) {

	public boolean successful() {
		return this.code != null && this.code >= 200 && this.code < 300;
	}

}
