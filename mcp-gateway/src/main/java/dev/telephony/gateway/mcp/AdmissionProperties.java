package dev.telephony.gateway.mcp;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How many tool calls the gateway runs at once, and how many connections it keeps open.
 * Each waiting call holds its request, its connection and the heap that goes with them,
 * for up to minutes; past the limits new calls are refused rather than let the heap run
 * out.
 *
 * @param maxToolCalls the most tool calls in progress at once; 0 derives it from the
 * heap: (max heap − {@code heapReserve}) / {@code heapPerToolCall}
 * @param maxConnections the most connections open at once; a connection past it is
 * answered 503 before its request is read. 0 derives it from the tool-call limit, with
 * room for the connections that are not a waiting call (sessions' event streams, idle
 * keep-alive, quick requests): the tool-call limit plus a sixteenth of it, at least 64
 * more
 * @param heapPerToolCall what one waiting tool call costs in heap, for the derived limit
 * @param heapReserve heap kept back for everything but waiting tool calls, for the
 * derived limit
 * @param maxQueueWait how long request work may wait for a thread before new connections
 * are answered 503, until it waits less again; the connections already open go on. Half
 * the minute that the TypeScript SDK's clients wait for an answer, so that a call
 * admitted is not placed after its client has given up; not less, because at 10,000
 * waiting calls the wait reached 15 s on two saturated cores, and every one of those
 * calls was answered (BENCHMARKS.md, runs M6 and M7). 0 turns it off
 */
@Validated
@ConfigurationProperties("telephony.gateway.admission")
public record AdmissionProperties(@DefaultValue("0") @Min(0) int maxToolCalls,
		@DefaultValue("0") @Min(0) int maxConnections, @DefaultValue("40KB") @NotNull DataSize heapPerToolCall,
		@DefaultValue("96MB") @NotNull DataSize heapReserve, @DefaultValue("30s") @NotNull Duration maxQueueWait) {

	private static final int MIN_SPARE_CONNECTIONS = 64;

	public AdmissionProperties {
		if (heapPerToolCall != null && heapPerToolCall.toBytes() <= 0) {
			throw new IllegalArgumentException(
					"telephony.gateway.admission.heap-per-tool-call must be positive, not " + heapPerToolCall);
		}
		if (heapReserve != null && heapReserve.toBytes() < 0) {
			throw new IllegalArgumentException(
					"telephony.gateway.admission.heap-reserve must not be negative, not " + heapReserve);
		}
		if (maxQueueWait != null && maxQueueWait.isNegative()) {
			throw new IllegalArgumentException(
					"telephony.gateway.admission.max-queue-wait must not be negative, not " + maxQueueWait);
		}
		if (maxConnections > 0 && maxConnections < maxToolCalls) {
			// Every tool call holds a connection: the tool-call limit could never be
			// reached, and its clear tool error would never be given.
			throw new IllegalArgumentException("telephony.gateway.admission.max-connections (" + maxConnections
					+ ") must not be below max-tool-calls (" + maxToolCalls + ")");
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

	/** The connection limit in force on a JVM whose heap may grow to {@code maxHeap}. */
	int connectionLimit(long maxHeap) {
		if (this.maxConnections > 0) {
			return this.maxConnections;
		}
		long toolCalls = toolCallLimit(maxHeap);
		return Math.clamp(toolCalls + Math.max(MIN_SPARE_CONNECTIONS, toolCalls / 16), 1, Integer.MAX_VALUE);
	}

}
