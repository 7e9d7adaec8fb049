package dev.telephony.gateway.view;

import java.time.Instant;

/**
 * What the dispatcher made of a command.
 *
 * @param kind {@code accepted}, {@code failed}, {@code expired} or {@code unknown}
 * @param reasonCode machine-readable reason of a failure
 * @param detail human-readable detail of a failure
 * @param at when the dispatcher reported it
 */
public record Outcome(String kind, String reasonCode, String detail, Instant at) {

	public boolean accepted() {
		return "accepted".equals(this.kind);
	}

}
