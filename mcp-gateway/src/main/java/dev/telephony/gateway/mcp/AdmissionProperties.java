package dev.telephony.gateway.mcp;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How many tool calls the gateway runs at once. Each waiting call holds its request, and
 * the heap that goes with it, for up to minutes; past the limit new calls are refused
 * rather than let the heap run out.
 *
 * @param maxToolCalls the most tool calls in progress at once; 0 derives it from the
 * heap: (max heap − {@code heapReserve}) / {@code heapPerToolCall}
 * @param heapPerToolCall what one waiting tool call costs in heap, for the derived limit
 * @param heapReserve heap kept back for everything but waiting tool calls, for the
 * derived limit
 */
@Validated
@ConfigurationProperties("telephony.gateway.admission")
public record AdmissionProperties(@DefaultValue("0") @Min(0) int maxToolCalls,
		@DefaultValue("36KB") @NotNull DataSize heapPerToolCall, @DefaultValue("96MB") @NotNull DataSize heapReserve) {

	public AdmissionProperties {
		if (heapPerToolCall != null && heapPerToolCall.toBytes() <= 0) {
			throw new IllegalArgumentException(
					"telephony.gateway.admission.heap-per-tool-call must be positive, not " + heapPerToolCall);
		}
		if (heapReserve != null && heapReserve.toBytes() < 0) {
			throw new IllegalArgumentException(
					"telephony.gateway.admission.heap-reserve must not be negative, not " + heapReserve);
		}
	}

	/** The limit in force on a JVM whose heap may grow to {@code maxHeap} bytes. */
	int toolCallLimit(long maxHeap) {
		if (this.maxToolCalls > 0) {
			return this.maxToolCalls;
		}
		// Better one call at a time than none when the reserve is more than the heap: a
		// gateway that refuses everything looks healthy and does nothing.
		long derived = (maxHeap - this.heapReserve.toBytes()) / this.heapPerToolCall.toBytes();
		return Math.clamp(derived, 1, Integer.MAX_VALUE);
	}

}
