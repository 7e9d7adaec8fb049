package dev.telephony.ingest.publishing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Webhook counters. Tags are fixed vocabularies (webhook kind, outcome, failure reason):
 * never a number or a uuid, so the series stay bounded.
 */
@Component
class WebhookMetrics {

	private final MeterRegistry meters;

	WebhookMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	void received(String source, String outcome) {
		Counter.builder("telephony.webhooks.received")
			.description("Vonage webhooks received, by source and outcome")
			.tag("event.type", source)
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	void signatureRejected(String source, String reason) {
		Counter.builder("telephony.webhooks.signature.rejected")
			.description("Vonage webhooks refused with 401, by source and reason")
			.tag("event.type", source)
			.tag("reason", reason)
			.register(this.meters)
			.increment();
	}

}
