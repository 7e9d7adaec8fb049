package dev.telephony.gateway.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.telephony.gateway.commands.CommandPublisher;
import dev.telephony.gateway.correlation.EventStream;
import dev.telephony.gateway.correlation.Waiters;
import dev.telephony.gateway.system.GatewayProperties;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.Event;

import org.springframework.stereotype.Component;

/** Publishes a command and waits, bounded, for the dispatcher's outcome. */
@Component
class CommandRunner {

	// Outcomes travel dispatcher → Kafka → gateway after the deadline check; allow for
	// that trip.
	private static final Duration OUTCOME_GRACE = Duration.ofSeconds(2);

	private final CommandPublisher publisher;

	private final Waiters waiters;

	private final GatewayProperties properties;

	private final EventStream events;

	CommandRunner(CommandPublisher publisher, Waiters waiters, GatewayProperties properties, EventStream events) {
		this.publisher = publisher;
		this.waiters = waiters;
		this.properties = properties;
		this.events = events;
	}

	/** The deadline for a command created now. */
	Instant deadline(Instant now) {
		return now.plus(this.properties.commandTtl());
	}

	/**
	 * The dispatcher's outcome, or empty when the wait ended first.
	 * @throws dev.telephony.gateway.commands.CommandNotQueuedException when Kafka did not
	 * take the command
	 */
	Optional<Event> run(Command command) throws InterruptedException {
		if (!this.events.isReady()) {
			throw new GatewayNotReadyException();
		}
		try (Waiters.Waiter waiter = this.waiters.register(command.commandId(), Event::isCommandOutcome)) {
			this.publisher.publish(command);
			Duration untilDeadline = Duration.between(Instant.now(), command.expiresAt()).plus(OUTCOME_GRACE);
			Duration wait = untilDeadline.compareTo(this.properties.maxWait()) < 0 ? untilDeadline
					: this.properties.maxWait();
			return waiter.await(wait.isNegative() ? Duration.ZERO : wait);
		}
	}

}
