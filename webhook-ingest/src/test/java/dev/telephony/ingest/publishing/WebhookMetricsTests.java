package dev.telephony.ingest.publishing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.telephony.schemas.CallInputReceived;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.MessageStatusChanged;
import dev.telephony.schemas.SpeechResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookMetricsTests {

	private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final WebhookMetrics metrics = new WebhookMetrics(this.meters);

	@Test
	void terminalCallStatusesAreCountedAndProgressIsNot() {
		this.metrics.published(callStatus("ringing"));
		this.metrics.published(callStatus("busy"));
		this.metrics.published(callStatus("completed"));
		this.metrics.published(callStatus("completed"));

		assertThat(this.meters.find("telephony.calls.ended").tag("status", "ringing").counter()).isNull();
		assertThat(this.meters.counter("telephony.calls.ended", "status", "completed").count()).isEqualTo(2);
		assertThat(this.meters.counter("telephony.calls.ended", "status", "busy").count()).isEqualTo(1);
	}

	@Test
	void everyKnownTagValueIsCountedAtZeroFromTheStart() {
		assertThat(this.meters.get("telephony.calls.ended").tag("status", "completed").counter().count()).isZero();
		assertThat(this.meters.get("telephony.messages.status").tag("status", "other").counter().count()).isZero();
		assertThat(this.meters.get("telephony.webhooks.received")
			.tags("event.type", "sms-inbound", "outcome", "rejected")
			.counter()
			.count()).isZero();
		assertThat(this.meters.get("telephony.webhooks.signature.rejected")
			.tags("event.type", "voice-event", "reason", "payload_mismatch")
			.counter()
			.count()).isZero();
		assertThat(this.meters.get("telephony.webhooks.publish").tag("event.type", "messages-status").timer().count())
			.isZero();
		assertThat(this.meters.find("telephony.webhooks.received").counters())
			.hasSize(WebhookSource.values().length * 5);
	}

	@Test
	void messageStatusesOutsideTheVocabularyShareOneSeries() {
		this.metrics.published(messageStatus("delivered"));
		this.metrics.published(messageStatus("some-new-status"));
		this.metrics.published(messageStatus("another-one"));

		assertThat(this.meters.counter("telephony.messages.status", "status", "delivered").count()).isEqualTo(1);
		assertThat(this.meters.counter("telephony.messages.status", "status", "other").count()).isEqualTo(2);
	}

	@Test
	void theBestTranscriptionsConfidenceIsRecorded() {
		this.metrics.published(input(List.of(new SpeechResult("yes", 0.92), new SpeechResult("yeah", 0.4))));
		this.metrics.published(input(List.of(new SpeechResult("hm", null))));
		this.metrics.published(input(null));

		var confidence = this.meters.get("telephony.calls.speech.confidence").summary();
		assertThat(confidence.count()).isEqualTo(1);
		assertThat(confidence.totalAmount()).isEqualTo(0.92);
	}

	private static CallStatusChanged callStatus(String status) {
		return new CallStatusChanged(UUID.randomUUID().toString(), UUID.randomUUID(), NOW, NOW, "call-1", "CON-1",
				status, null, null, "outbound", "14155550100", "447911123456", null, null, null, null, null, null,
				null);
	}

	private static MessageStatusChanged messageStatus(String status) {
		return new MessageStatusChanged(UUID.randomUUID().toString(), UUID.randomUUID(), NOW, NOW, "m-1", "sms", status,
				"447911123456", "14155550100", null, null, null, null);
	}

	private static CallInputReceived input(List<SpeechResult> speech) {
		return new CallInputReceived(UUID.randomUUID().toString(), UUID.randomUUID(), NOW, NOW, "call-1", "CON-1",
				speech, null, null, null, null);
	}

}
