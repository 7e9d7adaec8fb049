package dev.telephony.ingest.publishing;

import java.util.List;
import java.util.Set;

import dev.telephony.schemas.CallInputReceived;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.MessageStatusChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Webhook counters. Tags are fixed vocabularies (webhook kind, outcome, failure reason):
 * never a number or a uuid, so the series stay bounded.
 */
@Component
class WebhookMetrics {

	private static final Set<String> CALL_ENDINGS = Set.of("completed", "busy", "cancelled", "unanswered", "timeout",
			"rejected", "failed", "disconnected");

	private static final Set<String> MESSAGE_STATUSES = Set.of("submitted", "delivered", "rejected", "undeliverable",
			"read", "accepted", "failed", "expired", "unknown");

	/** What became of a webhook: here, in {@link EventPublisher} and in the refusals. */
	private static final List<String> OUTCOMES = List.of("published", "duplicate", "invalid", "rejected",
			"unavailable");

	private final MeterRegistry meters;

	private final DistributionSummary speechConfidence;

	WebhookMetrics(MeterRegistry meters) {
		this.meters = meters;
		this.speechConfidence = DistributionSummary.builder("telephony.calls.speech.confidence")
			.description("Confidence of the best transcription of what callees said")
			.serviceLevelObjectives(0.25, 0.5, 0.75, 0.9, 1.0)
			.register(meters);
		// Zeros from the start, so that rates and alerts have a series to work on.
		for (WebhookSource source : WebhookSource.values()) {
			OUTCOMES.forEach((outcome) -> receivedCounter(source.tag(), outcome));
			for (SignatureFailure failure : SignatureFailure.values()) {
				signatureRejectedCounter(source.tag(), failure.tag());
			}
			publishTimer(source.tag());
		}
		CALL_ENDINGS.forEach(this::callsEndedCounter);
		MESSAGE_STATUSES.forEach(this::messageStatusCounter);
		messageStatusCounter("other");
	}

	void received(String source, String outcome) {
		receivedCounter(source, outcome).increment();
	}

	void signatureRejected(String source, String reason) {
		signatureRejectedCounter(source, reason).increment();
	}

	private Counter receivedCounter(String source, String outcome) {
		return Counter.builder("telephony.webhooks.received")
			.description("Vonage webhooks received, by source and outcome")
			.tag("event.type", source)
			.tag("outcome", outcome)
			.register(this.meters);
	}

	private Counter signatureRejectedCounter(String source, String reason) {
		return Counter.builder("telephony.webhooks.signature.rejected")
			.description("Vonage webhooks refused with 401, by source and reason")
			.tag("event.type", source)
			.tag("reason", reason)
			.register(this.meters);
	}

	Timer publishTimer(String source) {
		return Timer.builder("telephony.webhooks.publish")
			.description("Time for Kafka to acknowledge the event of a webhook")
			.tag("event.type", source)
			.register(this.meters);
	}

	/** What the telephony story needs from a published event, counted once here. */
	void published(Event event) {
		switch (event) {
			case CallStatusChanged status when CALL_ENDINGS.contains(status.status()) ->
				callsEndedCounter(status.status()).increment();
			case MessageStatusChanged status ->
				messageStatusCounter(MESSAGE_STATUSES.contains(status.status()) ? status.status() : "other")
					.increment();
			case CallInputReceived input when input.speechResults() != null && !input.speechResults().isEmpty()
					&& input.speechResults().get(0).confidence() != null ->
				this.speechConfidence.record(input.speechResults().get(0).confidence());
			default -> {
				// Other events tell no outcome worth a series of its own.
			}
		}
	}

	private Counter callsEndedCounter(String status) {
		return Counter.builder("telephony.calls.ended")
			.description("Calls that reached a terminal status, by status")
			.tag("status", status)
			.register(this.meters);
	}

	private Counter messageStatusCounter(String status) {
		return Counter.builder("telephony.messages.status")
			.description("Message status reports, by status")
			.tag("status", status)
			.register(this.meters);
	}

}
