package dev.telephony.gateway.policy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.ContinueCall;
import dev.telephony.schemas.HangupCall;
import dev.telephony.schemas.PlaceCall;
import dev.telephony.schemas.SendSms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The last check before a command is published: destination policy, then quotas; for a
 * hang-up, that the call is one this gateway knows.
 */
@Component
public class CommandGuard {

	private static final String UNKNOWN_CALL = "unknown_call";

	private final DestinationPolicy policy;

	private final QuotaCheck quotas;

	private final TelephonyView view;

	private final MeterRegistry meters;

	CommandGuard(DestinationPolicy policy, QuotaCheck quotas, TelephonyView view, MeterRegistry meters) {
		this.policy = policy;
		this.quotas = quotas;
		this.view = view;
		this.meters = meters;
		// Zeros from the start, so that rates and alerts have a series to work on: each
		// command with the refusals the checks below can give it.
		Stream.of(DestinationPolicy.REFUSALS, QuotaCheck.CALL_REFUSALS)
			.flatMap(List::stream)
			.forEach((reason) -> refusals(cloudEventType(PlaceCall.TYPE), reason));
		Stream.of(DestinationPolicy.REFUSALS, QuotaCheck.MESSAGE_REFUSALS)
			.flatMap(List::stream)
			.forEach((reason) -> refusals(cloudEventType(SendSms.TYPE), reason));
		refusals(cloudEventType(HangupCall.TYPE), UNKNOWN_CALL);
		refusals(cloudEventType(ContinueCall.TYPE), UNKNOWN_CALL);
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
				case HangupCall hangup -> {
					requireKnown(hangup.callUuid());
					yield () -> {
						// Ending a call spends nothing and reaches no one new.
					};
				}
				case ContinueCall turn -> {
					requireKnown(turn.callUuid());
					yield () -> {
						// A turn is on a call already counted.
					};
				}
			};
		}
		catch (CommandRefusedException ex) {
			refusals(command.cloudEventType(), ex.reason()).increment();
			throw ex;
		}
	}

	/** As {@link Command#cloudEventType()} spells it, which needs a command to ask. */
	private static String cloudEventType(String type) {
		return Command.cloudEventType(type);
	}

	private Counter refusals(String commandType, String reason) {
		return Counter.builder("telephony.commands.refused")
			.description("Commands the gateway refused to publish, by reason")
			.tag("command.type", commandType)
			.tag("reason", reason)
			.register(this.meters);
	}

	/**
	 * Only calls this gateway placed or saw come in may be hung up: any other id would go
	 * to Vonage on this account's credentials unchecked.
	 */
	private void requireKnown(String callUuid) {
		if (this.view.callByUuid(callUuid).isPresent() || placedBy(callUuid)) {
			return;
		}
		throw new CommandRefusedException(UNKNOWN_CALL, "Call " + callUuid
				+ " is not one this gateway knows: it acts only on the calls it placed or saw come in. Nothing was"
				+ " sent. Call check_call_status without call_uuid to list your calls and their call_uuid.");
	}

	/** A call placed here but not yet given a uuid by Vonage goes by its command id. */
	private boolean placedBy(String commandId) {
		try {
			return this.view.callByCommand(UUID.fromString(commandId)).isPresent();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
