package dev.telephony.dispatcher.commands;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import dev.telephony.dispatcher.dispatchlog.DispatchLog;
import dev.telephony.dispatcher.outcomes.OutcomePublisher;
import dev.telephony.dispatcher.ratelimit.Operation;
import dev.telephony.dispatcher.ratelimit.RateLimits;
import dev.telephony.dispatcher.vonage.ProviderOutcome;
import dev.telephony.dispatcher.vonage.VonageSms;
import dev.telephony.dispatcher.vonage.VonageVoice;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.CommandExpired;
import dev.telephony.schemas.CommandFailed;
import dev.telephony.schemas.CommandOutcomeUnknown;
import dev.telephony.schemas.DispatchRecord;
import dev.telephony.schemas.DispatchRecord.State;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.EventIds;
import dev.telephony.schemas.ContinueCall;
import dev.telephony.schemas.HangupCall;
import dev.telephony.schemas.PlaceCall;
import dev.telephony.schemas.SendSms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Executes one command, at most once at the provider: the dispatch log is consulted
 * first, STARTED is written before the request, and DONE with the outcome and the outcome
 * event after it, both at once. A command that started and never finished (its dispatcher
 * died mid-request) is reported unknown, never sent again.
 */
@Component
class CommandHandler implements PartitionLanes.Handling {

	private static final Duration MIN_WAIT = Duration.ofMillis(10);

	/** What {@link #handle} counts a command as; dead letters are PoisonCommands'. */
	private static final List<String> OUTCOMES = List.of("done", "failed", "expired", "unknown", "duplicate");

	private final VonageSms sms;

	private final VonageVoice voice;

	private final OutcomePublisher outcomes;

	private final DispatchLog log;

	private final FinalWrites finalWrites;

	private final RateLimits rateLimits;

	private final RetryProperties retry;

	private final MeterRegistry meters;

	private final Clock clock;

	CommandHandler(VonageSms sms, VonageVoice voice, OutcomePublisher outcomes, DispatchLog log,
			FinalWrites finalWrites, RateLimits rateLimits, RetryProperties retry, MeterRegistry meters, Clock clock) {
		this.sms = sms;
		this.voice = voice;
		this.outcomes = outcomes;
		this.log = log;
		this.finalWrites = finalWrites;
		this.rateLimits = rateLimits;
		this.retry = retry;
		this.meters = meters;
		this.clock = clock;
		// Zeros from the start, so that rates and alerts have a series to work on.
		for (String type : List.of(SendSms.TYPE, PlaceCall.TYPE, HangupCall.TYPE, ContinueCall.TYPE)) {
			retries(Command.cloudEventType(type));
			OUTCOMES.forEach((outcome) -> processed(Command.cloudEventType(type), outcome));
		}
	}

	@Override
	public Duration handle(int partition, Command command) {
		Instant now = this.clock.instant();
		Optional<DispatchRecord> prior = this.log.get(partition, command.commandId());
		if (prior.isPresent() && prior.get().state() == State.DONE) {
			// Redelivered after the outcome was recorded: say it again, do nothing again.
			this.outcomes.publish(prior.get().outcome());
			count(command, "duplicate");
			return Duration.ZERO;
		}
		if (prior.isPresent() && prior.get().state() == State.STARTED) {
			return finish(partition, command,
					new CommandOutcomeUnknown(outcomeId(command), command.commandId(), now, now,
							"The dispatcher stopped while Vonage handled the request; it was not sent again."),
					prior.get().attempts());
		}
		CommandFailed lastFailure = prior.map(DispatchRecord::outcome)
			.filter(CommandFailed.class::isInstance)
			.map(CommandFailed.class::cast)
			.orElse(null);
		int attempts = prior.map(DispatchRecord::attempts).orElse(0);
		if (command.isExpiredAt(now)) {
			Event expired = (lastFailure != null) ? gaveUp(lastFailure, attempts, now)
					: new CommandExpired(outcomeId(command), command.commandId(), now, now, command.expiresAt());
			return finish(partition, command, expired, attempts);
		}
		Operation operation = Operation.of(command);
		// The slot is claimed first, then the slow steps are done (building and signing
		// the request in the SDK), and the request is sent at the slot's start by the
		// HTTP client. STARTED is written while Kafka decides the claim, or after a
		// spare slot was taken; either way it is acknowledged before the request.
		int attempt = attempts + 1;
		DispatchRecord started = new DispatchRecord(command.commandId(), State.STARTED, now, attempt, null);
		StartedWrite whileClaiming = new StartedWrite(() -> this.log.write(partition, started));
		RateLimits.Permit permit = this.rateLimits.reserve(operation, whileClaiming);
		if (!permit.granted()) {
			if (whileClaiming.written) {
				// Nothing was sent: not an attempt, and the last answer stays the reason.
				this.log.write(partition, new DispatchRecord(command.commandId(), State.RETRYING, this.clock.instant(),
						attempts, lastFailure));
			}
			return untilDeadline(command, now, permit.retryIn());
		}
		if (!whileClaiming.written) {
			whileClaiming.run();
		}
		ProviderOutcome result;
		try (RateLimits.Binding slot = this.rateLimits.bind(permit.ticket())) {
			result = execute(command);
		}
		if (!result.retryable()) {
			return finish(partition, command, result.event(), attempt);
		}
		if (result.rateLimited()) {
			this.rateLimits.rateLimitedByProvider(operation, Duration.ofSeconds(1));
		}
		if (result.neverSent()) {
			// No slot in time: the provider never saw it, so it is not an attempt, and
			// the provider's last answer stays the reason to give up with.
			Event reason = (lastFailure != null) ? lastFailure : result.event();
			this.log.write(partition,
					new DispatchRecord(command.commandId(), State.RETRYING, this.clock.instant(), attempts, reason));
			return untilDeadline(command, this.clock.instant(), MIN_WAIT);
		}
		this.log.write(partition,
				new DispatchRecord(command.commandId(), State.RETRYING, this.clock.instant(), attempt, result.event()));
		retries(command.cloudEventType()).increment();
		return untilDeadline(command, this.clock.instant(), backOff(attempt));
	}

	private ProviderOutcome execute(Command command) {
		return switch (command) {
			case SendSms sendSms -> this.sms.send(sendSms);
			case PlaceCall call -> this.voice.place(call);
			case HangupCall hangup -> this.voice.hangup(hangup);
			case ContinueCall turn -> this.voice.continueCall(turn);
		};
	}

	private Duration finish(int partition, Command command, Event outcome, int attempts) {
		DispatchRecord done = new DispatchRecord(command.commandId(), State.DONE, this.clock.instant(), attempts,
				outcome);
		this.finalWrites.write(() -> this.log.write(partition, done), () -> this.outcomes.publish(outcome));
		count(command, switch (outcome) {
			case CommandAccepted accepted -> "done";
			case CommandExpired expired -> "expired";
			case CommandOutcomeUnknown unknown -> "unknown";
			default -> "failed";
		});
		return Duration.ZERO;
	}

	/**
	 * Full jitter: anywhere between nothing and the exponential bound, so retries spread
	 * out.
	 */
	private Duration backOff(int attempt) {
		long bound = Math.min(this.retry.max().toMillis(),
				this.retry.initial().toMillis() << Math.min(attempt - 1, 20));
		return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1));
	}

	/** A wait that ends by the deadline, so that the command expires on time. */
	private static Duration untilDeadline(Command command, Instant now, Duration wait) {
		Duration left = Duration.between(now, command.expiresAt());
		Duration bounded = (wait.compareTo(left) < 0) ? wait : left;
		return (bounded.compareTo(MIN_WAIT) < 0) ? MIN_WAIT : bounded;
	}

	private static CommandFailed gaveUp(CommandFailed last, int attempts, Instant now) {
		return new CommandFailed(last.eventId(), last.commandId(), now, now, last.reasonCode(),
				"Gave up at the deadline after " + attempts + " attempts: " + last.detail(), attempts, false);
	}

	private static String outcomeId(Command command) {
		return EventIds.of("command-outcome", command.commandId());
	}

	private Counter retries(String commandType) {
		return Counter.builder("telephony.commands.retries")
			.description("Provider requests to be tried again after a 429, a 5xx or no connection, by command type")
			.tag("command.type", commandType)
			.register(this.meters);
	}

	private void count(Command command, String outcome) {
		processed(command.cloudEventType(), outcome).increment();
	}

	private Counter processed(String commandType, String outcome) {
		return Counter.builder("telephony.commands.processed")
			.description("Commands the dispatcher handled, by type and outcome")
			.tag("command.type", commandType)
			.tag("outcome", outcome)
			.register(this.meters);
	}

	/** The STARTED write, and whether it was made. */
	private static final class StartedWrite implements Runnable {

		private final Runnable write;

		private boolean written;

		StartedWrite(Runnable write) {
			this.write = write;
		}

		@Override
		public void run() {
			this.write.run();
			this.written = true;
		}

	}

}
