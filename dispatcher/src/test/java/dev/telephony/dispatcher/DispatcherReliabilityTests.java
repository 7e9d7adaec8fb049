package dev.telephony.dispatcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.telephony.dispatcher.ratelimit.Operation;
import dev.telephony.dispatcher.ratelimit.RateLimits;

import dev.telephony.sandbox.VonageSandboxApplication;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.CommandFailed;
import dev.telephony.schemas.CommandOutcomeUnknown;
import dev.telephony.schemas.DispatchRecord;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.SendSms;
import dev.telephony.schemas.Topics;
import dev.telephony.testsupport.ApplicationKeys;
import dev.telephony.testsupport.SandboxStart;
import dev.telephony.testsupport.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The dispatcher's rules on a real broker against the Vonage sandbox. */
@EmbeddedKafka(partitions = 3, brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatcherReliabilityTests {

	private static final String APPLICATION_ID = "5f0c1e2a-7b3d-4c8e-9a10-0000000000bb";

	private static final int MESSAGES_PER_SECOND = 5;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private String brokers;

	private ConfigurableApplicationContext sandbox;

	private ConfigurableApplicationContext dispatcher;

	private String sandboxUrl;

	@BeforeAll
	void start() throws Exception {
		this.brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
		ApplicationKeys keys = ApplicationKeys.generate();
		this.sandbox = SandboxStart.run(VonageSandboxApplication.builder(), APPLICATION_ID, keys,
				"--sandbox.limits.messages-per-second=" + MESSAGES_PER_SECOND,
				"--spring.kafka.admin.auto-create=false");
		this.sandboxUrl = SandboxStart.baseUrl(this.sandbox);
		this.dispatcher = DispatcherApplication.builder()
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=" + this.brokers,
					"--telephony.topics.partitions=3", "--telephony.vonage.application-id=" + APPLICATION_ID,
					"--telephony.vonage.private-key=" + keys.privateKeyPem(),
					"--telephony.vonage.api-base-url=" + this.sandboxUrl,
					"--telephony.vonage.callback-base-url=http://127.0.0.1:9",
					"--telephony.dispatcher.rate-limits.messages-per-second=" + MESSAGES_PER_SECOND,
					"--telephony.dispatcher.retry.initial=100ms", "--telephony.dispatcher.retry.max=500ms");
	}

	@AfterAll
	void stop() {
		this.dispatcher.close();
		this.sandbox.close();
	}

	@AfterEach
	void clearFaults() throws Exception {
		sandbox("DELETE", "/_sandbox/faults", null);
	}

	@Test
	void aRedeliveredCommandRepublishesItsOutcomeAndIsNotSentAgain() throws Exception {
		SendSms sms = sms(Duration.ofSeconds(30));
		send(Topics.COMMANDS, sms.recordKey(), this.json.writeValueAsBytes(sms), null);
		await().atMost(Duration.ofSeconds(20)).until(() -> outcomes(sms.commandId()).size() == 1);

		send(Topics.COMMANDS, sms.recordKey(), this.json.writeValueAsBytes(sms), null);

		await().atMost(Duration.ofSeconds(20)).until(() -> outcomes(sms.commandId()).size() == 2);
		assertThat(outcomes(sms.commandId()))
			.allSatisfy((event) -> assertThat(event).isInstanceOf(CommandAccepted.class))
			.extracting(Event::eventId)
			.containsOnly(outcomes(sms.commandId()).get(0).eventId());
		assertThat(journalRequests(sms.commandId())).isEqualTo(1);
	}

	@Test
	void aCommandThatStartedButNeverFinishedIsUnknownAndNeverSentAgain() throws Exception {
		SendSms sms = sms(Duration.ofSeconds(30));
		// What a dispatcher that died during the provider request leaves behind.
		RecordMetadata command = send(Topics.COMMANDS, sms.recordKey(), this.json.writeValueAsBytes(sms), -1);
		assertThat(command).isNotNull();
		await().atMost(Duration.ofSeconds(20)).until(() -> outcomes(sms.commandId()).size() == 1);
		DispatchRecord started = new DispatchRecord(sms.commandId(), DispatchRecord.State.STARTED, Instant.now(), 1,
				null);
		send(Topics.DISPATCH_LOG, sms.commandId().toString(), this.json.writeValueAsBytes(started),
				command.partition());
		restartDispatcherConsumers();

		send(Topics.COMMANDS, sms.recordKey(), this.json.writeValueAsBytes(sms), null);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(outcomes(sms.commandId())).last().isInstanceOf(CommandOutcomeUnknown.class));
		assertThat(journalRequests(sms.commandId())).isEqualTo(1);
	}

	/**
	 * The dispatch log's STARTED goes out while Kafka decides the slot claim; it must run
	 * once for a claim, never for a request throttled here, and a failure in it must
	 * leave the claim settled.
	 */
	@Test
	void theWorkBeforeARequestRunsWhileItsClaimIsDecidedAndOnlyForAClaim() {
		RateLimits limits = this.dispatcher.getBean(RateLimits.class);
		assertThatThrownBy(() -> limits.reserve(Operation.CREATE_CALL, () -> {
			throw new IllegalStateException("dispatch log unavailable");
		})).hasMessage("dispatch log unavailable");

		List<Integer> runs = new ArrayList<>();
		List<Boolean> granted = new ArrayList<>();
		double claimedBefore = claimedTickets(limits);
		// Calls at 3 a second and slots at most a second ahead: the last ones are
		// throttled here.
		for (int i = 0; i < 20; i++) {
			AtomicInteger ran = new AtomicInteger();
			granted.add(limits.reserve(Operation.CREATE_CALL, ran::incrementAndGet).granted());
			runs.add(ran.get());
		}

		assertThat(granted.get(0)).as("a claim after the failed one is granted").isTrue();
		assertThat(runs).as("some went to Kafka for a claim").contains(1);
		assertThat(granted).as("some are throttled locally").contains(false);
		for (int i = 0; i < runs.size(); i++) {
			assertThat(runs.get(i)).as("request %d", i).isLessThanOrEqualTo(1);
			if (!granted.get(i)) {
				assertThat(runs.get(i)).as("refused request %d made no claim", i).isZero();
			}
		}
		assertThat(runs.stream().mapToInt(Integer::intValue).sum()).as("once per claimed ticket")
			.isEqualTo((int) (claimedTickets(limits) - claimedBefore));
	}

	private double claimedTickets(RateLimits limits) {
		MeterRegistry meters = this.dispatcher.getBean(MeterRegistry.class);
		return meters.find("telephony.dispatcher.rate.slot.tickets")
			.tag("operation", Operation.CREATE_CALL.tag())
			.counters()
			.stream()
			.filter((counter) -> List.of("claimed", "shadowed").contains(counter.getId().getTag("source")))
			.mapToDouble(Counter::count)
			.sum();
	}

	@Test
	void serverErrorsAreRetriedUntilVonageAcceptsOnce() throws Exception {
		sandbox("PUT", "/_sandbox/faults", """
				{"error_ratio":1.0}""");
		SendSms sms = sms(Duration.ofSeconds(30));
		send(Topics.COMMANDS, sms.recordKey(), this.json.writeValueAsBytes(sms), null);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> counter("telephony_commands_retries_total",
					"command_type=\"telephony.command.send-sms.v1\"") >= 2);

		double doneBefore = counter("telephony_commands_processed_total", "outcome=\"done\"");
		sandbox("DELETE", "/_sandbox/faults", null);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(outcomes(sms.commandId())).singleElement().isInstanceOf(CommandAccepted.class));
		assertThat(journalRequests(sms.commandId())).isEqualTo(1);
		assertThat(counter("telephony_commands_processed_total", "outcome=\"done\""))
			.isGreaterThanOrEqualTo(doneBefore + 1);
	}

	@Test
	void retriesStopAtTheDeadlineWithTheProvidersReason() throws Exception {
		sandbox("PUT", "/_sandbox/faults", """
				{"error_ratio":1.0}""");
		// Long enough for several attempts even on a saturated machine, where a request
		// may miss a few rate slots (not an attempt: nothing was sent) before it goes
		// out.
		SendSms sms = sms(Duration.ofSeconds(8));
		send(Topics.COMMANDS, sms.recordKey(), this.json.writeValueAsBytes(sms), null);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(outcomes(sms.commandId())).singleElement()
				.isInstanceOfSatisfying(CommandFailed.class, (failed) -> {
					assertThat(failed.reasonCode()).isEqualTo("provider_error");
					assertThat(failed.detail()).startsWith("Gave up at the deadline after");
					assertThat(failed.attempts()).isGreaterThan(1);
				}));
		assertThat(journalRequests(sms.commandId())).isZero();
	}

	@Test
	void messagesArePacedUnderTheLimitWithoutA429() throws Exception {
		List<SendSms> burst = new ArrayList<>();
		for (int i = 0; i < 3 * MESSAGES_PER_SECOND; i++) {
			SendSms sms = sms(Duration.ofSeconds(60));
			burst.add(sms);
			send(Topics.COMMANDS, sms.recordKey(), this.json.writeValueAsBytes(sms), null);
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> burst.stream().allMatch((sms) -> outcomes(sms.commandId()).size() == 1));

		assertThat(burst).allSatisfy(
				(sms) -> assertThat(outcomes(sms.commandId())).singleElement().isInstanceOf(CommandAccepted.class));
		// Receive times at the sandbox: 50 ms of each second are the jitter budget of the
		// trip there.
		// The schedule itself is held to the exact second by RateLimitsTests.
		List<Instant> times = requestTimes(burst);
		for (Instant start : times) {
			long inWindow = times.stream()
				.filter((t) -> !t.isBefore(start) && t.isBefore(start.plusMillis(950)))
				.count();
			assertThat(inWindow).as("requests in the second from %s", start).isLessThanOrEqualTo(MESSAGES_PER_SECOND);
		}
	}

	@Test
	void aPoisonCommandIsDeadLetteredAndFailsItsCommand() throws Exception {
		UUID commandId = UUID.randomUUID();
		byte[] poison = ("{\"type\":\"send-sms\",\"commandId\":\"" + commandId + "\",\"to\":\"not a number\"}")
			.getBytes();
		send(Topics.COMMANDS, "poison", poison, null);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(outcomes(commandId)).singleElement()
				.isInstanceOfSatisfying(CommandFailed.class,
						(failed) -> assertThat(failed.reasonCode()).isEqualTo("invalid_command")));
		assertThat(values(Topics.COMMANDS_DEAD_LETTER)).anySatisfy((value) -> assertThat(value).isEqualTo(poison));
		assertThat(counter("telephony_commands_processed_total", "outcome=\"dead_lettered\"")).isPositive();
	}

	private void restartDispatcherConsumers() {
		// Stopping and starting the listener makes it rejoin and reload its dispatch log,
		// as a dispatcher taking over the partition would.
		var registry = this.dispatcher.getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class);
		registry.getListenerContainer("commands").stop();
		registry.getListenerContainer("commands").start();
	}

	private SendSms sms(Duration deadline) {
		Instant now = Instant.now();
		return new SendSms(UUID.randomUUID(), now, now.plus(deadline), "test",
				"1415555" + (4000 + (int) (Math.random() * 5000)), "14155550100", "hello");
	}

	private RecordMetadata send(String topic, String key, byte[] value, Integer partition) throws Exception {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			Integer target = (partition != null && partition >= 0) ? partition : null;
			return producer.send(new ProducerRecord<>(topic, target, key, value)).get(10, TimeUnit.SECONDS);
		}
	}

	private List<Event> outcomes(UUID commandId) {
		List<Event> events = new ArrayList<>();
		for (byte[] value : values(Topics.EVENTS)) {
			Event event = this.json.readValue(value, Event.class);
			if (commandId.equals(event.commandId()) && event.isCommandOutcome()) {
				events.add(event);
			}
		}
		return events;
	}

	private List<byte[]> values(String topic) {
		return TopicReader.allBytes(this.brokers, topic).stream().map(ConsumerRecord::value).toList();
	}

	private long journalRequests(UUID commandId) throws Exception {
		return journal("client_ref=" + commandId).size();
	}

	private List<Instant> requestTimes(List<SendSms> commands) throws Exception {
		List<String> ids = commands.stream().map((sms) -> sms.commandId().toString()).toList();
		List<Instant> times = new ArrayList<>();
		for (JsonNode entry : journal("kind=request")) {
			if (ids.contains(entry.path("client_ref").asString())) {
				times.add(Instant.parse(entry.path("time").asString()));
			}
		}
		assertThat(times).hasSize(commands.size());
		return times;
	}

	private List<JsonNode> journal(String query) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.sandboxUrl + "/_sandbox/journal?" + query)).build(),
				HttpResponse.BodyHandlers.ofString());
		List<JsonNode> requests = new ArrayList<>();
		this.json.readTree(response.body()).path("entries").forEach((entry) -> {
			if ("request".equals(entry.path("kind").asString())) {
				requests.add(entry);
			}
		});
		return requests;
	}

	private double counter(String name, String label) throws Exception {
		String port = this.dispatcher.getEnvironment().getRequiredProperty("local.server.port");
		String body = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		return body.lines()
			.filter((line) -> line.startsWith(name) && line.contains(label))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private void sandbox(String method, String path, String json) throws Exception {
		HttpRequest.BodyPublisher body = (json != null) ? HttpRequest.BodyPublishers.ofString(json)
				: HttpRequest.BodyPublishers.noBody();
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.sandboxUrl + path))
			.header("Content-Type", "application/json")
			.method(method, body)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
	}

}
