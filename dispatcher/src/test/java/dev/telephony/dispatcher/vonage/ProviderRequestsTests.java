package dev.telephony.dispatcher.vonage;

import java.time.Instant;
import java.util.UUID;

import dev.telephony.schemas.SendSms;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderRequestsTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ProviderRequests requests = new ProviderRequests(this.meters);

	@Test
	void everyOperationAndOutcomeIsTimedAtZeroFromTheStartAndARequestCountsInItsSeries() {
		assertThat(this.meters.find("telephony.vonage.requests").timers()).hasSize(4 * ProviderOutcome.TAGS.size())
			.allSatisfy((timer) -> assertThat(timer.count()).isZero());

		Instant now = Instant.now();
		this.requests.timed(VonageSms.SEND_SMS, new SendSms(UUID.randomUUID(), now, now.plusSeconds(30), "test",
				"447911123456", "14155550100", "hello", null), (sms) -> new ProviderOutcome("rate_limited", null));

		assertThat(this.meters.find("telephony.vonage.requests").timers()).as("no series of its own")
			.hasSize(4 * ProviderOutcome.TAGS.size());
		assertThat(this.meters.timer("telephony.vonage.requests", "operation", "send_sms", "outcome", "rate_limited")
			.count()).isEqualTo(1);
	}

}
