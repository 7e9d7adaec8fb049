package dev.telephony.systemtests.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.telephony.systemtests.NotTheGateway;
import dev.telephony.sandbox.VonageSandboxApplication;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.CommandExpired;
import dev.telephony.schemas.CommandFailed;
import dev.telephony.schemas.CommandOutcomeUnknown;
import dev.telephony.schemas.PlaceCall;
import dev.telephony.schemas.SendSms;
import dev.telephony.schemas.Topics;
import dev.telephony.testsupport.ApplicationKeys;
import dev.telephony.testsupport.SandboxStart;
import dev.telephony.testsupport.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #6: dispatchers crash and restart mid-backlog, and still every command has
 * exactly one outcome, none reaches the provider twice, the ones cut off mid-request are
 * reported unknown, and the provider's rate limit is never exceeded.
 * <p>
 * The broker is a real KRaft broker in this JVM and the sandbox runs here too, with
 * Vonage's default limits (3 calls/s, 30 messages/s) and its journal as the provider's
 * record of what it was asked. The dispatchers are separate processes started from the
 * module's executable jar, because the point is SIGKILL: no shutdown hook, no last offset
 * commit, no last log write.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DispatcherChaosTests {

	/**
	 * One second less the jitter budget between sending and the sandbox's receive time.
	 */
	private static final Duration RECEIVE_WINDOW = Duration.ofMillis(950);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String APPLICATION_ID = "5f0c1e2a-7b3d-4c8e-9a10-00000000c4a0";

	private static final String FROM = "14155550100";

	private static final int PARTITIONS = 6;

	/** Vonage's defaults, enforced by the sandbox and given to the dispatchers. */
	private static final int CALLS_PER_SECOND = 3;

	private static final int MESSAGES_PER_SECOND = 30;

	/**
	 * "A handful" of 429s is tolerated (the issue: the goal is zero); more means the
	 * dispatchers do not share the limit.
	 */
	private static final int TOLERATED_429S = 5;

	/**
	 * A SIGKILL can cut off only what the killed process had in flight: one request per
	 * partition it owns (each partition has a lane of its own). Ten is generous for one
	 * kill.
	 */
	private static final int MAX_UNKNOWN = 10;

	private static final Set<String> OUTCOME_TYPES = Set.of(CommandAccepted.TYPE, CommandFailed.TYPE,
			CommandExpired.TYPE, CommandOutcomeUnknown.TYPE);

	private static final Pattern CID = Pattern.compile("[?&]cid=([0-9a-fA-F-]{36})");

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<DispatcherProcess> dispatchers = new ArrayList<>();

	private String bootstrapServers;

	private Path jar;

	private Path privateKeyFile;

	private ApplicationKeys keys;

	private Path logDir;

	private ConfigurableApplicationContext sandbox;

	/** The dispatchers' consumer group, found once they run. */
	private String group;

	private int sandboxPort;

	/**
	 * On failure, what the dispatchers said last: the only place a crash explains itself.
	 */
	@RegisterExtension
	final AfterTestExecutionCallback logsOnFailure = (context) -> {
		if (context.getExecutionException().isPresent()) {
			for (DispatcherProcess dispatcher : this.dispatchers) {
				System.err.printf("%n----- last lines of %s, %s -----%n%s%n", dispatcher, dispatcher.log,
						dispatcher.tail(40));
			}
		}
	};

	@BeforeAll
	void brokerTopicsKeysAndJar() throws Exception {
		this.bootstrapServers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
		this.jar = dispatcherJar();
		// Created here with the partition count the dispatchers expect, so that all
		// three share the work from the first command on; the dispatchers' own topic
		// declarations then find them in place.
		try (Admin admin = admin()) {
			List<NewTopic> topics = List.of(new NewTopic(Topics.COMMANDS, PARTITIONS, (short) 1),
					new NewTopic(Topics.EVENTS, PARTITIONS, (short) 1),
					new NewTopic(Topics.COMMANDS_DEAD_LETTER, PARTITIONS, (short) 1),
					new NewTopic(Topics.DISPATCH_LOG, PARTITIONS, (short) 1)
						.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
			for (NewTopic topic : topics) {
				try {
					admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw ex;
					}
				}
			}
		}
		this.keys = ApplicationKeys.generate();
		Path dir = Files.createDirectories(Path.of("target", "chaos"));
		this.privateKeyFile = Files.writeString(dir.resolve("private-key.pem"), this.keys.privateKeyPem());
		// Forked processes outlive a test JVM that is stopped by a timeout; take them
		// along.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> this.dispatchers.forEach(DispatcherProcess::destroy)));
	}

	@BeforeEach
	void startSandbox(TestInfo test) throws IOException {
		this.logDir = Files.createDirectories(
				Path.of("target", "chaos", test.getTestMethod().map((method) -> method.getName()).orElse("test")));
		// Default limits on purpose: the dispatchers must respect Vonage's, not the
		// sandbox's raised test limits. Webhooks go to a dead port: no ingest runs, and
		// a failed webhook attempt is only a journal line.
		this.sandbox = SandboxStart.run(VonageSandboxApplication.builder(), APPLICATION_ID, this.keys,
				NotTheGateway.NO_MCP, NotTheGateway.GATEWAY_ONLY, "--sandbox.time-scale=0.05",
				"--sandbox.journal-capacity=50000");
		this.sandboxPort = SandboxStart.port(this.sandbox);
	}

	@AfterEach
	void stopEverything() {
		this.dispatchers.forEach(DispatcherProcess::destroy);
		this.dispatchers.clear();
		if (this.sandbox != null) {
			this.sandbox.close();
		}
	}

	@AfterAll
	void noProcessLeft() {
		this.dispatchers.forEach(DispatcherProcess::destroy);
	}

	@Test
	void everyCommandHasOneOutcomeAndReachesTheProviderAtMostOnceThroughCrashesAndRestarts() throws Exception {
		long started = System.nanoTime();
		List<DispatcherProcess> three = List.of(startDispatcher("dispatcher-1"), startDispatcher("dispatcher-2"),
				startDispatcher("dispatcher-3"));
		three.forEach(DispatcherProcess::awaitHealthy);
		awaitGroupCovers(three);
		log("3 dispatchers up and sharing the commands after %d s", seconds(started));

		Instant now = Instant.now();
		Map<UUID, Command> commands = new LinkedHashMap<>();
		for (int i = 0; i < 330; i++) {
			// Calls spread through the backlog, so every partition has both kinds.
			Command command = (i % 11 == 10)
					? new PlaceCall(UUID.randomUUID(), now, now.plusSeconds(120), "chaos-test",
							Long.toString(14155553000L + i / 11), FROM, "hi", null, null, null, null, null)
					: new SendSms(UUID.randomUUID(), now, now.plusSeconds(120), "chaos-test",
							Long.toString(14155552000L + i - i / 11), FROM, "chaos " + i);
			commands.put(command.commandId(), command);
		}
		assertThat(commands.values()).filteredOn(PlaceCall.class::isInstance).hasSize(30);
		assertThat(commands.values()).filteredOn(SendSms.class::isInstance).hasSize(300);
		produce(commands.values());
		long produced = System.nanoTime();

		DispatcherProcess killed = three.get(0);
		DispatcherProcess restarted = three.get(1);
		try (EventReader events = new EventReader(this.bootstrapServers)) {
			// Chaos while the backlog is a third done: enough in flight to lose.
			await("a third of the outcomes").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.pollInSameThread()
				.until(() -> events.poll().withOutcome(commands.keySet()) >= commands.size() / 3);
			int seenAtKill = events.withOutcome(commands.keySet());
			killed.kill();
			log("SIGKILLed %s with %d of %d outcomes seen", killed, seenAtKill, commands.size());
			restarted.stop();
			DispatcherProcess replacement = startDispatcher("dispatcher-2r");
			log("SIGTERMed %s and started %s", restarted, replacement);
			replacement.awaitHealthy();
			log("%s healthy after %d s", replacement, seconds(produced));

			await("an outcome for every command").atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(250))
				.pollInSameThread()
				.until(() -> events.poll().withOutcome(commands.keySet()) == commands.size());
			// Then until no dispatcher has anything left to do, so that a late second
			// outcome or a late second request would be seen below.
			awaitNoLag();
			long done = System.nanoTime();
			events.poll();

			// Every number of the run, printed whether it passes or not: this is the
			// report.
			Map<UUID, Set<String>> types = events.outcomeTypes(commands.keySet());
			List<JsonNode> requests = journalRequests();
			Map<String, List<JsonNode>> messagesByRef = requests.stream()
				.filter((entry) -> "/v1/messages".equals(entry.path("path").asString()))
				.collect(Collectors.groupingBy((entry) -> entry.path("client_ref").asString()));
			Map<String, List<JsonNode>> callsByCid = requests.stream()
				.filter((entry) -> "/v1/calls".equals(entry.path("path").asString()))
				.collect(Collectors.groupingBy((entry) -> commandIdIn(entry.path("event_url").asString())));
			Map<String, List<UUID>> byOutcome = new TreeMap<>();
			types.forEach((id, set) -> byOutcome
				.computeIfAbsent(String.join("+", new TreeSet<>(set)), (key) -> new ArrayList<>())
				.add(id));
			long rejected = sandbox429s();
			Window calls = busiestSecond(requests, "/v1/calls");
			Window messages = busiestSecond(requests, "/v1/messages");
			log("%d commands done %d s after producing (%d s in all); outcomes: %s", commands.size(),
					seconds(produced, done), seconds(started, done), counts(byOutcome));
			log("outcome events published more than once (same outcome, re-published): %d",
					events.republished(commands.keySet()));
			log("sandbox: %d message requests (%d SMS sent twice or more), %d call requests (%d calls placed twice or more), %d answered 429",
					messagesByRef.values().stream().mapToInt(List::size).sum(), duplicates(messagesByRef).size(),
					callsByCid.values().stream().mapToInt(List::size).sum(), duplicates(callsByCid).size(), rejected);
			log("busiest 1-second window: %s calls (limit %d), %s messages (limit %d)", calls, CALLS_PER_SECOND,
					messages, MESSAGES_PER_SECOND);
			List<UUID> unknown = byOutcome.getOrDefault(CommandOutcomeUnknown.TYPE, List.of());
			unknown.forEach((id) -> log("outcome unknown: %s %s, requests in the journal: %d, detail: %s",
					commands.get(id).cloudEventType(), id,
					requestsFor(commands.get(id), messagesByRef, callsByCid).size(),
					events.outcomes(id).get(0).path("detail").asString()));
			byOutcome.getOrDefault(CommandFailed.TYPE, List.of())
				.forEach((id) -> log("failed: %s %s", id, events.outcomes(id).get(0)));
			for (DispatcherProcess dispatcher : this.dispatchers) {
				if (dispatcher.isAlive()) {
					log("%s: %s", dispatcher,
							metric(dispatcher.prometheus(), "telephony_vonage_requests_seconds_count"));
				}
			}

			// 1. Exactly one outcome each: the same one may be published twice (a
			// restarted dispatcher re-publishes what it recorded), two different never.
			assertThat(commands.keySet()).as("commands without an outcome")
				.allSatisfy((id) -> assertThat(types.get(id)).as("outcomes of %s", id).isNotEmpty());
			assertThat(types).as("commands with more than one outcome")
				.allSatisfy((id, set) -> assertThat(set).as("outcomes of %s", id).hasSize(1));

			// 2. Nothing reached the provider twice.
			assertThat(duplicates(messagesByRef)).as("SMS sent more than once (client_ref → requests)").isEmpty();
			assertThat(duplicates(callsByCid)).as("calls placed more than once (cid → requests)").isEmpty();
			// And what was reported accepted is what the provider took: one request, the
			// uuid it answered.
			for (UUID id : byOutcome.getOrDefault(CommandAccepted.TYPE, List.of())) {
				JsonNode accepted = events.outcomes(id).get(0);
				List<JsonNode> sent = requestsFor(commands.get(id), messagesByRef, callsByCid);
				assertThat(sent).as("provider requests of accepted %s", id).hasSize(1);
				if (commands.get(id) instanceof SendSms) {
					assertThat(sent.get(0).path("message_uuid").asString()).as("message uuid of %s", id)
						.isEqualTo(accepted.path("messageUuid").asString());
				}
				else {
					assertThat(sent.get(0).path("call_uuid").asString()).as("call uuid of %s", id)
						.isEqualTo(accepted.path("callUuid").asString());
				}
			}

			// 3. Unknown only where a crash cut a request off; each is reported and
			// was never re-sent.
			assertThat(unknown).as("commands reported outcome-unknown (in flight in the killed dispatcher)")
				.hasSizeLessThanOrEqualTo(MAX_UNKNOWN);
			// The deadline is far off and the provider accepts every number: anything
			// else than accepted or unknown is a throttled request the dispatchers sent
			// too early.
			assertThat(byOutcome.getOrDefault(CommandExpired.TYPE, List.of())).as("expired commands").isEmpty();
			assertThat(byOutcome.getOrDefault(CommandFailed.TYPE, List.of())).as("failed commands")
				.hasSizeLessThanOrEqualTo(TOLERATED_429S);

			// 4. The provider's rate limit: the accepted requests of any 1-second window,
			// and what it had to refuse.
			assertThat(calls.count()).as("most calls created in one second: %s", calls)
				.isLessThanOrEqualTo(CALLS_PER_SECOND);
			assertThat(messages.count()).as("most messages sent in one second: %s", messages)
				.isLessThanOrEqualTo(MESSAGES_PER_SECOND);
			assertThat(rejected).as("requests the sandbox refused with 429").isLessThanOrEqualTo(TOLERATED_429S);
		}
	}

	@Test
	void backlogPastItsDeadlineIsExpiredNotExecuted() throws Exception {
		// The backlog builds up while no dispatcher runs, and is already too late when
		// one comes.
		Instant now = Instant.now();
		Map<UUID, Command> stale = new LinkedHashMap<>();
		for (int i = 0; i < 20; i++) {
			SendSms command = new SendSms(UUID.randomUUID(), now.minusSeconds(60), now.minusSeconds(30), "chaos-test",
					Long.toString(14155554000L + i), FROM, "too late " + i);
			stale.put(command.commandId(), command);
		}
		produce(stale.values());

		DispatcherProcess dispatcher = startDispatcher("dispatcher-deadline").awaitHealthy();
		awaitGroupCovers(List.of(dispatcher));
		try (EventReader events = new EventReader(this.bootstrapServers)) {
			await("an outcome for every stale command").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(250))
				.pollInSameThread()
				.until(() -> events.poll().withOutcome(stale.keySet()) == stale.size());
			awaitNoLag();
			events.poll();

			Map<UUID, Set<String>> types = events.outcomeTypes(stale.keySet());
			assertThat(types).as("outcomes of stale commands (%s)", dispatcher)
				.allSatisfy((id, set) -> assertThat(set).as("outcomes of %s", id).containsExactly(CommandExpired.TYPE))
				.hasSize(stale.size());
			List<JsonNode> requests = journalRequests();
			assertThat(requests).as("requests for stale commands")
				.noneMatch((entry) -> stale.containsKey(uuidOrNull(entry.path("client_ref").asString())));
			assertThat(requests).as("message requests at all")
				.noneMatch((entry) -> "/v1/messages".equals(entry.path("path").asString()));
		}
	}

	private DispatcherProcess startDispatcher(String name) {
		DispatcherProcess dispatcher = DispatcherProcess.start(name, this.jar, this.logDir,
				List.of("--spring.kafka.bootstrap-servers=" + this.bootstrapServers,
						"--telephony.vonage.application-id=" + APPLICATION_ID,
						"--telephony.vonage.private-key-path=" + this.privateKeyFile.toAbsolutePath(),
						"--telephony.vonage.api-base-url=http://127.0.0.1:" + this.sandboxPort,
						// Nothing listens there: no ingest in this test.
						"--telephony.vonage.callback-base-url=http://127.0.0.1:9",
						"--telephony.dispatcher.rate-limits.create-call-per-second=" + CALLS_PER_SECOND,
						"--telephony.dispatcher.rate-limits.messages-per-second=" + MESSAGES_PER_SECOND,
						// A killed consumer keeps its partitions until its session times
						// out (45 s by default); 10 s keeps the test short without
						// changing what happens.
						"--spring.kafka.consumer.properties.session.timeout.ms=10000",
						"--spring.kafka.consumer.properties.heartbeat.interval.ms=1000"));
		this.dispatchers.add(dispatcher);
		return dispatcher;
	}

	/**
	 * Until every partition of the commands is assigned and each dispatcher has some.
	 * Also learns the dispatchers' consumer group, whatever it is named (the listener id
	 * names it today).
	 */
	private void awaitGroupCovers(List<DispatcherProcess> members) {
		try (Admin admin = admin()) {
			await("the commands spread over " + members).atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.ignoreExceptionsInstanceOf(ExecutionException.class)
				.untilAsserted(() -> {
					List<String> groupIds = admin.listGroups()
						.all()
						.get(10, TimeUnit.SECONDS)
						.stream()
						.map(GroupListing::groupId)
						.toList();
					List<ConsumerGroupDescription> groups = admin.describeConsumerGroups(groupIds)
						.all()
						.get(10, TimeUnit.SECONDS)
						.values()
						.stream()
						.filter((group) -> group.members()
							.stream()
							.anyMatch((member) -> member.assignment()
								.topicPartitions()
								.stream()
								.anyMatch((partition) -> Topics.COMMANDS.equals(partition.topic()))))
						.toList();
					assertThat(groups).as("consumer groups reading the commands").hasSize(1);
					ConsumerGroupDescription group = groups.get(0);
					Set<Integer> assigned = new TreeSet<>();
					for (MemberDescription member : group.members()) {
						member.assignment()
							.topicPartitions()
							.stream()
							.filter((partition) -> Topics.COMMANDS.equals(partition.topic()))
							.forEach((partition) -> assigned.add(partition.partition()));
					}
					assertThat(assigned).as("assigned command partitions").hasSize(PARTITIONS);
					for (DispatcherProcess dispatcher : members) {
						assertThat(group.members()).as("members of %s", dispatcher)
							.anyMatch((member) -> member.clientId().startsWith(dispatcher.name + "-")
									&& !member.assignment().topicPartitions().isEmpty());
					}
					this.group = group.groupId();
				});
		}
	}

	/**
	 * Until the group has committed every command: nothing is left to execute or to
	 * re-deliver.
	 */
	private void awaitNoLag() {
		try (Admin admin = admin()) {
			await("no lag in group " + this.group).atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> {
					Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(this.group)
						.partitionsToOffsetAndMetadata()
						.get(10, TimeUnit.SECONDS);
					Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
					for (int partition = 0; partition < PARTITIONS; partition++) {
						latest.put(new TopicPartition(Topics.COMMANDS, partition), OffsetSpec.latest());
					}
					admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, end) -> {
						OffsetAndMetadata at = committed.get(partition);
						assertThat((at != null) ? at.offset() : 0).as("committed offset of %s", partition)
							.isEqualTo(end.offset());
					});
				});
		}
	}

	private void produce(Collection<? extends Command> commands) {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			List<Future<?>> sends = new ArrayList<>();
			for (Command command : commands) {
				sends.add(producer
					.send(new ProducerRecord<>(Topics.COMMANDS, command.recordKey(), json.writeValueAsBytes(command))));
			}
			for (Future<?> send : sends) {
				send.get(30, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not produce the commands", ex);
		}
	}

	/** The provider's record: every request it accepted, oldest first. */
	private List<JsonNode> journalRequests() throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.sandboxPort + "/_sandbox/journal?kind=request"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		List<JsonNode> requests = new ArrayList<>();
		json.readTree(response.body()).path("entries").forEach(requests::add);
		return requests;
	}

	/**
	 * What the sandbox refused with 429. The journal keeps accepted requests only; its
	 * HTTP server metrics count the rest. That the metric counts accepted requests as
	 * well shows it is there, so that a missing 429 line means none.
	 */
	private long sandbox429s() throws IOException, InterruptedException {
		String page = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.sandboxPort + "/actuator/prometheus"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		List<String> requests = page.lines()
			.filter((line) -> line.startsWith("http_server_requests_seconds_count{") && line.contains("uri=\"/v1/"))
			.toList();
		assertThat(requests).as("the sandbox's request metric").anyMatch((line) -> line.contains("status=\"202\""));
		return requests.stream()
			.filter((line) -> line.contains("status=\"429\""))
			.mapToLong((line) -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static List<JsonNode> requestsFor(Command command, Map<String, List<JsonNode>> messagesByRef,
			Map<String, List<JsonNode>> callsByCid) {
		Map<String, List<JsonNode>> requests = (command instanceof SendSms) ? messagesByRef : callsByCid;
		return requests.getOrDefault(command.commandId().toString(), List.of());
	}

	private static Map<String, Integer> duplicates(Map<String, List<JsonNode>> requests) {
		Map<String, Integer> duplicates = new TreeMap<>();
		requests.forEach((id, sent) -> {
			if (sent.size() > 1) {
				duplicates.put(id, sent.size());
			}
		});
		return duplicates;
	}

	/**
	 * The most accepted requests on {@code path} in any window [t, t + 950 ms). The
	 * journal has the sandbox's receive times: a request's trip from dispatcher to
	 * sandbox varies by tens of milliseconds (a new connection, a GC pause), so 50 ms of
	 * the second are the measurement's jitter budget. The schedule itself is held to the
	 * exact second by RateLimitsTests.
	 */
	private static Window busiestSecond(List<JsonNode> requests, String path) {
		List<Instant> times = requests.stream()
			.filter((entry) -> path.equals(entry.path("path").asString()))
			.map((entry) -> Instant.parse(entry.path("time").asString()))
			.sorted()
			.toList();
		Window busiest = new Window(List.of());
		int end = 0;
		for (int start = 0; start < times.size(); start++) {
			Instant limit = times.get(start).plus(RECEIVE_WINDOW);
			while (end < times.size() && times.get(end).isBefore(limit)) {
				end++;
			}
			if (end - start > busiest.count()) {
				busiest = new Window(times.subList(start, end));
			}
		}
		return busiest;
	}

	private static String commandIdIn(String eventUrl) {
		Matcher matcher = CID.matcher(eventUrl);
		return matcher.find() ? matcher.group(1) : "(no cid: " + eventUrl + ")";
	}

	private static UUID uuidOrNull(String text) {
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String metric(String prometheus, String name) {
		return prometheus.lines()
			.filter((line) -> line.startsWith(name + "{"))
			.map((line) -> line.replaceAll("application=\"[^\"]*\",?", ""))
			.collect(Collectors.joining("; "));
	}

	private static Map<String, Integer> counts(Map<String, List<UUID>> byOutcome) {
		Map<String, Integer> counts = new TreeMap<>();
		byOutcome.forEach((outcome, ids) -> counts.put(outcome, ids.size()));
		return counts;
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers));
	}

	/**
	 * The executable jar of the dispatcher module. {@code ./mvnw verify} packages it
	 * before this module's tests run; run alone, this module needs it built first.
	 * {@code -Dchaos.dispatcher-jar=PATH} runs another build.
	 */
	private static Path dispatcherJar() {
		String override = System.getProperty("chaos.dispatcher-jar");
		if (override != null && !override.isBlank()) {
			// Another build of the dispatcher, such as one under way elsewhere.
			Path jar = Path.of(override).toAbsolutePath();
			assertThat(jar).as("-Dchaos.dispatcher-jar").isRegularFile();
			return jar;
		}
		Path here = Path.of("").toAbsolutePath();
		for (Path root : List.of(here.getParent(), here)) {
			if (root == null) {
				continue;
			}
			Path jar = root.resolve("dispatcher/target/dispatcher-0.1.0-SNAPSHOT-exec.jar");
			if (Files.isRegularFile(root.resolve("dispatcher/pom.xml"))) {
				assertThat(jar)
					.as("the dispatcher's executable jar; build it first: "
							+ "./mvnw -DskipTests package -pl dispatcher (./mvnw verify does it in order)")
					.isRegularFile();
				return jar;
			}
		}
		throw new IllegalStateException("cannot find the repository (with dispatcher/pom.xml) from " + here);
	}

	private static long seconds(long since) {
		return seconds(since, System.nanoTime());
	}

	private static long seconds(long from, long to) {
		return TimeUnit.NANOSECONDS.toSeconds(to - from);
	}

	private static void log(String format, Object... arguments) {
		System.out.printf("[chaos] " + format + "%n", arguments);
	}

	/** The requests of the busiest second. */
	record Window(List<Instant> times) {

		int count() {
			return this.times.size();
		}

		@Override
		public String toString() {
			if (this.times.isEmpty()) {
				return "0";
			}
			Instant first = this.times.get(0);
			return this.times.size() + " from " + first + " (at +"
					+ this.times.stream()
						.map((time) -> Duration.between(first, time).toMillis() + " ms")
						.collect(Collectors.joining(", +"))
					+ ")";
		}

	}

	/**
	 * The events topic, every partition from the beginning, read on as the test goes: the
	 * outcome events by command.
	 */
	static final class EventReader implements AutoCloseable {

		private final TopicReader<byte[]> events;

		private final Map<UUID, List<JsonNode>> outcomes = new HashMap<>();

		EventReader(String bootstrapServers) {
			this.events = TopicReader.bytes(bootstrapServers, Topics.EVENTS);
		}

		/** Reads up to the current end of every partition. */
		EventReader poll() {
			for (ConsumerRecord<String, byte[]> record : this.events.readToEnd()) {
				JsonNode event = json.readTree(record.value());
				String type = event.path("type").asString();
				UUID commandId = uuidOrNull(event.path("commandId").asString());
				if (commandId != null && OUTCOME_TYPES.contains(type)) {
					this.outcomes.computeIfAbsent(commandId, (id) -> new ArrayList<>()).add(event);
				}
			}
			return this;
		}

		int withOutcome(Set<UUID> commandIds) {
			return (int) commandIds.stream().filter(this.outcomes::containsKey).count();
		}

		/** The distinct outcome types of each of these commands that has any. */
		Map<UUID, Set<String>> outcomeTypes(Set<UUID> commandIds) {
			Map<UUID, Set<String>> types = new HashMap<>();
			for (UUID id : commandIds) {
				for (JsonNode event : this.outcomes.getOrDefault(id, List.of())) {
					types.computeIfAbsent(id, (key) -> new TreeSet<>()).add(event.path("type").asString());
				}
			}
			return types;
		}

		List<JsonNode> outcomes(UUID commandId) {
			return this.outcomes.getOrDefault(commandId, List.of());
		}

		/** Outcome events beyond the first of their command. */
		int republished(Set<UUID> commandIds) {
			return commandIds.stream().mapToInt((id) -> Math.max(0, outcomes(id).size() - 1)).sum();
		}

		@Override
		public void close() {
			this.events.close();
		}

	}

}
