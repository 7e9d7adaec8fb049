package dev.telephony.sandbox.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.telephony.sandbox.problems.ApiProblemException;
import dev.telephony.sandbox.problems.InvalidParameter;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of the faults for {@code /_sandbox/faults}: durations in milliseconds,
 * ratios between 0 and 1. Omitted fields are off.
 */
record FaultSettings(@JsonProperty("latency_ms") @Nullable Long latencyMs,
		@JsonProperty("error_ratio") @Nullable Double errorRatio,
		@JsonProperty("drop_before_ratio") @Nullable Double dropBeforeRatio,
		@JsonProperty("drop_after_ratio") @Nullable Double dropAfterRatio,
		@JsonProperty("webhook_delay_ms") @Nullable Long webhookDelayMs,
		@JsonProperty("webhook_duplicate_ratio") @Nullable Double webhookDuplicateRatio,
		@JsonProperty("webhook_reorder_ratio") @Nullable Double webhookReorderRatio) {

	static FaultSettings of(InjectedFaults faults) {
		return new FaultSettings(faults.latency().toMillis(), faults.errorRatio(), faults.dropBeforeRatio(),
				faults.dropAfterRatio(), faults.webhookDelay().toMillis(), faults.webhookDuplicateRatio(),
				faults.webhookReorderRatio());
	}

	InjectedFaults toFaults() {
		List<InvalidParameter> invalid = new ArrayList<>();
		InjectedFaults faults = new InjectedFaults(millis("latency_ms", this.latencyMs, invalid),
				ratio("error_ratio", this.errorRatio, invalid),
				ratio("drop_before_ratio", this.dropBeforeRatio, invalid),
				ratio("drop_after_ratio", this.dropAfterRatio, invalid),
				millis("webhook_delay_ms", this.webhookDelayMs, invalid),
				ratio("webhook_duplicate_ratio", this.webhookDuplicateRatio, invalid),
				ratio("webhook_reorder_ratio", this.webhookReorderRatio, invalid));
		if (!invalid.isEmpty()) {
			throw ApiProblemException.badRequest("Invalid fault settings.", invalid);
		}
		return faults;
	}

	private static double ratio(String name, @Nullable Double value, List<InvalidParameter> invalid) {
		if (value == null) {
			return 0;
		}
		if (value < 0 || value > 1 || value.isNaN()) {
			invalid.add(new InvalidParameter(name, "must be between 0 and 1"));
		}
		return value;
	}

	private static Duration millis(String name, @Nullable Long value, List<InvalidParameter> invalid) {
		if (value == null) {
			return Duration.ZERO;
		}
		if (value < 0 || value > 300_000) {
			invalid.add(new InvalidParameter(name, "must be between 0 and 300000"));
			return Duration.ZERO;
		}
		return Duration.ofMillis(value);
	}

}
