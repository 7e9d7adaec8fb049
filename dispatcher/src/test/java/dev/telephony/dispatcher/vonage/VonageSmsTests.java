package dev.telephony.dispatcher.vonage;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.vonage.client.HttpWrapper;
import com.vonage.client.messages.MessagesClient;
import dev.telephony.sandbox.VonageSandboxApplication;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.CommandFailed;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.SendSms;
import dev.telephony.testsupport.ApplicationKeys;
import dev.telephony.testsupport.FreePorts;
import dev.telephony.testsupport.SandboxStart;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import java.util.concurrent.atomic.AtomicInteger;

import dev.telephony.dispatcher.ratelimit.SlotMissedException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The Messages API adapter against the Vonage sandbox, through the real SDK. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VonageSmsTests {

	private static final String APPLICATION_ID = "5f0c1e2a-7b3d-4c8e-9a10-0000000000aa";

	private final ApplicationKeys keys = ApplicationKeys.generate();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private ConfigurableApplicationContext sandbox;

	private String sandboxUrl;

	@BeforeAll
	void startSandbox() {
		this.sandbox = SandboxStart.run(VonageSandboxApplication.builder(), APPLICATION_ID, this.keys,
				"--spring.kafka.admin.auto-create=false",
				// The concurrency test below is about signatures, not the provider's
				// limit.
				"--sandbox.limits.messages-per-second=100000");
		this.sandboxUrl = SandboxStart.baseUrl(this.sandbox);
	}

	@AfterAll
	void stopSandbox() {
		this.sandbox.close();
	}

	@Test
	void acceptedSmsReportsTheMessageUuid() {
		SendSms command = sms();
		Event outcome = vonageSms(APPLICATION_ID, this.sandboxUrl).send(command).event();

		assertThat(outcome).isInstanceOfSatisfying(CommandAccepted.class, (accepted) -> {
			assertThat(accepted.commandId()).isEqualTo(command.commandId());
			assertThat(UUID.fromString(accepted.messageUuid())).isNotNull();
		});
		assertThat(
				this.meters.timer("telephony.vonage.requests", "operation", "send_sms", "outcome", "success").count())
			.isEqualTo(1);
	}

	@Test
	void refusedCredentialsFailTheCommandWithTheProvidersReason() {
		ProviderOutcome result = vonageSms(UUID.randomUUID().toString(), this.sandboxUrl).send(sms());
		Event outcome = result.event();
		assertThat(result.retryable()).isFalse();

		assertThat(outcome).isInstanceOfSatisfying(CommandFailed.class, (failed) -> {
			assertThat(failed.reasonCode()).isEqualTo("provider_auth_failed");
			assertThat(failed.detail()).contains("401");
			assertThat(failed.retryable()).isFalse();
		});
	}

	/**
	 * The SDK's own JWTs came from one shared, unsynchronised claims builder, and
	 * requests built at once lost claims (a chaos run saw 156 SMS refused with 401).
	 * Requests built on many threads at once must each carry a valid token, whether one
	 * is shared or each is signed for its request.
	 */
	@ParameterizedTest(name = "token renewed {0} before its lifetime of 10 min ends")
	@ValueSource(strings = { "PT1M", "PT10M" })
	void requestsBuiltOnManyThreadsAtOnceAreAllAuthenticated(Duration renewBefore) throws Exception {
		VonageProperties properties = new VonageProperties(APPLICATION_ID, "", this.keys.privateKeyPem(),
				URI.create(this.sandboxUrl), URI.create("http://127.0.0.1:9"), Duration.ofSeconds(5));
		VonageSms sms = vonageSms(properties, () -> {
		}, new SimpleMeterRegistry(), new TokenProperties(Duration.ofMinutes(10), renewBefore));
		List<Future<ProviderOutcome>> results = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
			for (int i = 0; i < 400; i++) {
				results.add(threads.submit(() -> sms.send(sms())));
			}
		}
		for (Future<ProviderOutcome> result : results) {
			assertThat(result.get().event()).as("outcome of one of 400 concurrent sends")
				.isInstanceOf(CommandAccepted.class);
		}
	}

	@Test
	void unreachableProviderIsRetryableBecauseNothingWasSent() throws IOException {
		ProviderOutcome result = vonageSms(APPLICATION_ID, "http://127.0.0.1:" + FreePorts.next()).send(sms());
		Event outcome = result.event();
		assertThat(result.retryable()).as("nothing reached Vonage, so it may be sent again").isTrue();

		assertThat(outcome).isInstanceOfSatisfying(CommandFailed.class,
				(failed) -> assertThat(failed.reasonCode()).isEqualTo("provider_unreachable"));
	}

	@Test
	void statusCodesMapToStableReasons() {
		assertThat(ProviderFailures.reasonCode(422)).isEqualTo("provider_rejected");
		assertThat(ProviderFailures.reasonCode(402)).isEqualTo("provider_payment_required");
		assertThat(ProviderFailures.reasonCode(429)).isEqualTo("provider_rate_limited");
		assertThat(ProviderFailures.reasonCode(503)).isEqualTo("provider_error");
		assertThat(ProviderFailures.reasonCode(404)).isEqualTo("provider_not_found");
	}

	@Test
	void aRequestWithoutARateSlotIsNotSentAndMayBeTriedAgain() {
		AtomicInteger asked = new AtomicInteger();
		Runnable noSlot = () -> {
			asked.incrementAndGet();
			throw new SlotMissedException("no slot in this test");
		};
		long journaled = journaledMessages();

		ProviderOutcome result = vonageSms(APPLICATION_ID, this.sandboxUrl, noSlot).send(sms());

		assertThat(asked).hasValue(1);
		assertThat(result.neverSent()).isTrue();
		assertThat(result.retryable()).isTrue();
		assertThat(result.event()).isInstanceOfSatisfying(CommandFailed.class,
				(failed) -> assertThat(failed.reasonCode()).isEqualTo("rate_slot_missed"));
		assertThat(journaledMessages()).as("requests the sandbox received").isEqualTo(journaled);
	}

	private long journaledMessages() {
		String journal = RestClient.create(this.sandboxUrl)
			.get()
			.uri("/_sandbox/journal")
			.retrieve()
			.body(String.class);
		return journal.split("\"/v1/messages\"", -1).length - 1;
	}

	private VonageSms vonageSms(String applicationId, String baseUrl) {
		return vonageSms(applicationId, baseUrl, () -> {
		});
	}

	private VonageSms vonageSms(String applicationId, String baseUrl, Runnable awaitSendTime) {
		return vonageSms(applicationId, baseUrl, awaitSendTime, this.meters);
	}

	private VonageSms vonageSms(String applicationId, String baseUrl, Runnable awaitSendTime,
			SimpleMeterRegistry meters) {
		VonageProperties properties = new VonageProperties(applicationId, "", this.keys.privateKeyPem(),
				URI.create(baseUrl), URI.create("http://127.0.0.1:9"), Duration.ofSeconds(5));
		return vonageSms(properties, awaitSendTime, meters,
				new TokenProperties(Duration.ofMinutes(10), Duration.ofMinutes(1)));
	}

	private VonageSms vonageSms(VonageProperties properties, Runnable awaitSendTime, SimpleMeterRegistry meters,
			TokenProperties token) {
		HttpWrapper http = new VonageConfiguration().vonageHttp(properties, token, Clock.systemUTC(), awaitSendTime);
		return new VonageSms(new MessagesClient(http), new WebhookUrls(properties), new ProviderRequests(meters));
	}

	private static SendSms sms() {
		Instant now = Instant.now();
		return new SendSms(UUID.randomUUID(), now, now.plusSeconds(30), "test", "447911123456", "14155550100", "hello");
	}

}
