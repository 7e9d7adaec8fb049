package dev.telephony.gateway.correlation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.telephony.gateway.view.CallSnapshot;
import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.schemas.CallInputReceived;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.InboundMessage;
import dev.telephony.schemas.MessageStatusChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How quickly provider news reaches the tools waiting for it, and how long callees take
 * to answer. Both are measured from timestamps other services put on the events, so they
 * span the ingest → Kafka → gateway path and rely on the hosts' clocks agreeing.
 */
final class CorrelationMetrics {

	// Events older than this are being replayed, not lived: they say nothing about now.
	private static final Duration LIVE = Duration.ofMinutes(1);

	/** The events webhooks bring, which tools wait for; see {@link #fromWebhook}. */
	private static final List<String> WEBHOOK_EVENT_TYPES = Stream
		.of(CallStatusChanged.TYPE, CallInputReceived.TYPE, MessageStatusChanged.TYPE, InboundMessage.TYPE)
		// As Event.cloudEventType() spells them, which needs an event to ask.
		.map((type) -> "telephony.event." + type + ".v1")
		.toList();

	private final TelephonyView view;

	private final MeterRegistry meters;

	private final Clock clock;

	private final Timer answerTime;

	CorrelationMetrics(TelephonyView view, MeterRegistry meters, Clock clock) {
		this.view = view;
		this.meters = meters;
		this.clock = clock;
		this.answerTime = Timer.builder("telephony.calls.answer.time")
			.description("From the tool's request to the callee answering; every gateway replica records every call")
			.register(meters);
		// Zeros from the start, so that the latency SLO's rules have a series to work on.
		WEBHOOK_EVENT_TYPES.forEach(this::correlationLatency);
	}

	void applied(Event event, int woken) {
		Instant now = this.clock.instant();
		if (!fromWebhook(event) || Duration.between(event.receivedAt(), now).compareTo(LIVE) > 0) {
			return;
		}
		if (woken > 0) {
			correlationLatency(event.cloudEventType()).record(Duration.between(event.receivedAt(), now));
		}
		if (event instanceof CallStatusChanged status && "answered".equals(status.status())
				&& status.commandId() != null) {
			this.view.callByCommand(status.commandId())
				.filter(CorrelationMetrics::answeredOnce)
				.filter((call) -> call.createdAt().isBefore(status.occurredAt()))
				.ifPresent((call) -> this.answerTime.record(Duration.between(call.createdAt(), status.occurredAt())));
		}
	}

	private Timer correlationLatency(String eventType) {
		return Timer.builder("telephony.correlation.latency")
			.description("From webhook-ingest accepting a webhook to the waiting tool call being woken")
			.tag("event.type", eventType)
			.serviceLevelObjectives(millis(1), millis(2.5), millis(5), millis(10), millis(25), millis(50), millis(100),
					millis(250), millis(500), millis(1000))
			.register(this.meters);
	}

	private static boolean answeredOnce(CallSnapshot call) {
		return call.history().stream().filter((change) -> "answered".equals(change.status())).count() == 1;
	}

	private static boolean fromWebhook(Event event) {
		return event instanceof CallStatusChanged || event instanceof CallInputReceived
				|| event instanceof MessageStatusChanged || event instanceof InboundMessage;
	}

	private static Duration millis(double millis) {
		return Duration.ofNanos((long) (millis * 1_000_000));
	}

}
