package dev.telephony.gateway.policy;

import java.time.Instant;

import dev.telephony.schemas.Command;
import dev.telephony.schemas.HangupCall;
import dev.telephony.schemas.PlaceCall;
import dev.telephony.schemas.SendSms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** The last check before a command is published: destination policy, then quotas. */
@Component
public class CommandGuard {

	private final DestinationPolicy policy;

	private final QuotaCheck quotas;

	private final MeterRegistry meters;

	CommandGuard(DestinationPolicy policy, QuotaCheck quotas, MeterRegistry meters) {
		this.policy = policy;
		this.quotas = quotas;
		this.meters = meters;
	}

	/**
	 * Admit a command for publishing.
	 * @return what to run if the command is not published after all, so that it does not
	 * count against its client
	 * @throws CommandRefusedException when the command must not be published
	 */
	public Runnable admit(Command command) {
		try {
			return switch (command) {
				case PlaceCall call -> {
					this.policy.check(call.requestedBy(), call.to());
					yield this.quotas.reserve(call.requestedBy(), call.commandId(), true, Instant.now());
				}
				case SendSms sms -> {
					this.policy.check(sms.requestedBy(), sms.to());
					yield this.quotas.reserve(sms.requestedBy(), sms.commandId(), false, Instant.now());
				}
				case HangupCall hangup -> () -> {
					// Ending a call spends nothing and reaches no one new.
				};
			};
		}
		catch (CommandRefusedException ex) {
			Counter.builder("telephony.commands.refused")
				.description("Commands the gateway refused to publish, by reason")
				.tag("command.type", command.cloudEventType())
				.tag("reason", ex.reason())
				.register(this.meters)
				.increment();
			throw ex;
		}
	}

}
