package dev.telephony.dispatcher.commands;

import java.time.Clock;
import java.time.Instant;

import dev.telephony.dispatcher.outcomes.OutcomePublisher;
import dev.telephony.dispatcher.vonage.VonageSms;
import dev.telephony.dispatcher.vonage.VonageVoice;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.CommandExpired;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.EventIds;
import dev.telephony.schemas.HangupCall;
import dev.telephony.schemas.PlaceCall;
import dev.telephony.schemas.SendSms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/** Executes one command and publishes its outcome. */
@Component
class CommandHandler {

	private static final Logger logger = LoggerFactory.getLogger(CommandHandler.class);

	private final VonageSms sms;

	private final VonageVoice voice;

	private final OutcomePublisher outcomes;

	private final MeterRegistry meters;

	private final Clock clock;

	CommandHandler(VonageSms sms, VonageVoice voice, OutcomePublisher outcomes, MeterRegistry meters, Clock clock) {
		this.sms = sms;
		this.voice = voice;
		this.outcomes = outcomes;
		this.meters = meters;
		this.clock = clock;
	}

	void handle(Command command) {
		Instant now = this.clock.instant();
		Event outcome = command.isExpiredAt(now) ? expired(command, now) : execute(command, now);
		this.outcomes.publish(outcome);
		Counter.builder("telephony.commands.processed")
			.description("Commands the dispatcher finished, by type and outcome")
			.tag("command.type", command.cloudEventType())
			.tag("outcome", outcome.cloudEventType())
			.register(this.meters)
			.increment();
		logger.debug("Command {} ({}) → {}", command.commandId(), command.cloudEventType(), outcome.cloudEventType());
	}

	private Event execute(Command command, Instant now) {
		return switch (command) {
			case SendSms sendSms -> this.sms.send(sendSms);
			case PlaceCall call -> this.voice.place(call);
			case HangupCall hangup -> this.voice.hangup(hangup);
		};
	}

	private static Event expired(Command command, Instant now) {
		return new CommandExpired(EventIds.of("command-outcome", command.commandId()), command.commandId(), now, now,
				command.expiresAt());
	}

}
