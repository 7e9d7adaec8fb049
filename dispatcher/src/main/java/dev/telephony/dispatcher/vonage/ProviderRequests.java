package dev.telephony.dispatcher.vonage;

import java.util.List;
import java.util.function.Function;

import dev.telephony.schemas.Command;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** Times every provider request under one meter, tagged by operation and outcome. */
@Component
class ProviderRequests {

	private final MeterRegistry meters;

	ProviderRequests(MeterRegistry meters) {
		this.meters = meters;
		// Zeros from the start, so that rates and alerts have a series to work on.
		for (String operation : List.of(VonageVoice.CREATE_CALL, VonageVoice.HANGUP_CALL, VonageVoice.TRANSFER_CALL,
				VonageSms.SEND_SMS)) {
			ProviderOutcome.TAGS.forEach((outcome) -> timer(operation, outcome));
		}
	}

	<C extends Command> ProviderOutcome timed(String operation, C command, Function<C, ProviderOutcome> request) {
		Timer.Sample sample = Timer.start(this.meters);
		ProviderOutcome outcome = request.apply(command);
		sample.stop(timer(operation, outcome.tag()));
		return outcome;
	}

	private Timer timer(String operation, String outcome) {
		return Timer.builder("telephony.vonage.requests")
			.description("Requests to the Vonage API, by operation and outcome")
			.tag("operation", operation)
			.tag("outcome", outcome)
			.register(this.meters);
	}

}
