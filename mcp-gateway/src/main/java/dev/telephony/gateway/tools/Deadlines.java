package dev.telephony.gateway.tools;

import java.time.Duration;
import java.time.Instant;

import dev.telephony.schemas.Command;

import org.springframework.stereotype.Component;

/** How long commands live and how long tool calls wait, from the configured limits. */
@Component
class Deadlines {

	// Outcomes travel dispatcher → Kafka → gateway after the deadline check; allow for
	// that trip.
	private static final Duration OUTCOME_GRACE = Duration.ofSeconds(2);

	private final WaitProperties properties;

	Deadlines(WaitProperties properties) {
		this.properties = properties;
	}

	/** The deadline for a command created now. */
	Instant deadline(Instant now) {
		return now.plus(this.properties.commandTtl());
	}

	/** How long to wait for the dispatcher's outcome of a command. */
	Duration outcomeWait(Command command) {
		Duration untilDeadline = Duration.between(Instant.now(), command.expiresAt()).plus(OUTCOME_GRACE);
		return min(untilDeadline, this.properties.maxWait());
	}

	/** A tool's wait: {@code max-wait}, or what the caller asked for up to the cap. */
	Duration toolWait(Integer requestedSeconds) {
		if (requestedSeconds == null || requestedSeconds <= 0) {
			return this.properties.maxWait();
		}
		return min(Duration.ofSeconds(requestedSeconds), this.properties.maxWaitCap());
	}

	Duration smsReplyWindow(Duration wait) {
		return wait.compareTo(this.properties.smsReplyWindow()) > 0 ? wait : this.properties.smsReplyWindow();
	}

	private static Duration min(Duration a, Duration b) {
		Duration shorter = (a.compareTo(b) < 0) ? a : b;
		return shorter.isNegative() ? Duration.ZERO : shorter;
	}

}
