package dev.telephony.gateway.tools;

import java.time.Duration;
import java.time.Instant;

import dev.telephony.gateway.commands.CommandPublisher;
import dev.telephony.gateway.correlation.EventStream;
import dev.telephony.gateway.mcp.Cancellations;
import dev.telephony.gateway.policy.CommandGuard;
import dev.telephony.gateway.policy.CommandRefusedException;
import dev.telephony.gateway.view.Watch;
import dev.telephony.gateway.view.WatchRegistry;
import dev.telephony.schemas.Command;

import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;
import org.springframework.stereotype.Component;

/** Publishes commands with a watch already on them, and bounds how long tools wait. */
@Component
class CommandRunner {

	// Outcomes travel dispatcher → Kafka → gateway after the deadline check; allow for
	// that trip.
	private static final Duration OUTCOME_GRACE = Duration.ofSeconds(2);

	private final CommandPublisher publisher;

	private final WatchRegistry watches;

	private final WaitProperties properties;

	private final EventStream events;

	private final Cancellations cancellations;

	private final CommandGuard guard;

	CommandRunner(CommandPublisher publisher, WatchRegistry watches, WaitProperties properties, EventStream events,
			Cancellations cancellations, CommandGuard guard) {
		this.guard = guard;
		this.publisher = publisher;
		this.watches = watches;
		this.properties = properties;
		this.events = events;
		this.cancellations = cancellations;
	}

	/** The deadline for a command created now. */
	Instant deadline(Instant now) {
		return now.plus(this.properties.commandTtl());
	}

	/**
	 * Watch the command, then publish it: registered first, no change can slip past.
	 * @throws GatewayNotReadyException when the view is not complete yet
	 * @throws CommandRefusedException when policy or quotas refuse it
	 * @throws dev.telephony.gateway.commands.CommandNotQueuedException when Kafka did not
	 * take it
	 */
	Watch submit(Command command, McpSyncRequestContext context) {
		if (!this.events.isReady()) {
			throw new GatewayNotReadyException();
		}
		Runnable release = this.guard.admit(command);
		Watch watch = watch(command.commandId(), context);
		try {
			this.publisher.publish(command);
			return watch;
		}
		catch (RuntimeException ex) {
			release.run();
			watch.close();
			throw ex;
		}
	}

	/** Watch a command on behalf of a tool call, which may cancel it. */
	Watch watch(java.util.UUID commandId, McpSyncRequestContext context) {
		Watch watch = this.watches.watch(commandId);
		watch.onClose(this.cancellations.track(context, watch::cancel));
		return watch;
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
