package dev.telephony.systemtests.topology;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.telephony.testsupport.ExternalTools;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.CommandExpired;
import dev.telephony.schemas.CommandFailed;
import dev.telephony.schemas.CommandOutcomeUnknown;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.MessageStatusChanged;
import dev.telephony.schemas.Topics;
import dev.telephony.testsupport.FreePorts;
import dev.telephony.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The compose topology as processes on loopback, from the launcher: two gateways, two
 * dispatchers and two ingests behind a real HAProxy, Kafka in its own process. Under a
 * steady stream of tool calls through the proxy, a dispatcher and a gateway are killed,
 * an ingest is restarted and the broker is restarted; nobody intervenes.
 */
class ScaledTopologyFaultTests {

	private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

	private static final Path LAUNCHER = ROOT.resolve("local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<Process> processes = new ArrayList<>();

	private final Map<UUID, String> acknowledged = new ConcurrentHashMap<>();

	private final List<String> survivorFailures = new CopyOnWriteArrayList<>();

	private final List<String> lostSessions = new CopyOnWriteArrayList<>();

	private final AtomicInteger toolErrors = new AtomicInteger();

	private final AtomicInteger numbers = new AtomicInteger(2000);

	private volatile String killedGateway = "";

	@Test
	void theTopologyRidesOutKilledProcessesAndABrokerRestart() throws Exception {
		ExternalTools.require("haproxy");
		assertThat(LAUNCHER).as("the launcher is built before the system tests").isRegularFile();
		Path work = Files.createDirectories(ROOT.resolve("system-tests/target/topology"));
		int kafkaPort = freePortPair();
		int offset = freeOffset();
		List<String> kafka = launcher("--only-kafka", "--kafka-port", Integer.toString(kafkaPort), "--data-dir",
				work.resolve("kafka-home").toString(), "--fresh");
		Process broker = start(kafka, work.resolve("kafka.log"), Map.of());
		awaitLine(work.resolve("kafka.log"), "Only Kafka is running", Duration.ofSeconds(60));
		kafka.remove("--fresh");

		Map<String, String> env = new HashMap<>();
		for (String quota : List.of("CALLS_PER_MINUTE", "CALLS_PER_HOUR", "MESSAGES_PER_MINUTE", "MESSAGES_PER_HOUR",
				"LIVE_CALLS")) {
			// The stream places calls faster than a person; quotas have their own tests.
			env.put("TELEPHONY_GATEWAY_POLICY_QUOTAS_" + quota, "0");
		}
		start(launcher("--kafka-bootstrap", "localhost:" + kafkaPort, "--gateways", "2", "--dispatchers", "2",
				"--ingests", "2", "--port-offset", Integer.toString(offset), "--data-dir",
				work.resolve("stack").toString()), work.resolve("stack.log"), env);
		awaitLine(work.resolve("stack.log"), "The scaled stack is up", Duration.ofSeconds(300));
		URI mcp = URI.create("http://127.0.0.1:" + (8000 + offset) + "/mcp");

		List<McpSession> sessions = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			sessions.add(McpSession.open(this.http, mcp));
		}
		Set<String> replicas = sessions.stream().map((session) -> session.servedBy).collect(Collectors.toSet());
		assertThat(replicas).as("HAProxy spreads new sessions over both gateways").hasSize(2);

		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> streams = new ArrayList<>();
		for (McpSession session : sessions) {
			streams.add(Thread.ofVirtual().start(() -> stream(session, mcp, running)));
		}
		Instant start = Instant.now();
		Thread.sleep(10_000);
		kill(18101 + offset, true);
		Thread.sleep(10_000);
		this.killedGateway = sessions.get(0).servedBy;
		kill(18000 + Integer.parseInt(this.killedGateway.replace("gateway", "")) + offset, true);
		Thread.sleep(10_000);
		kill(18081 + offset, false);
		Thread.sleep(10_000);
		broker.destroy();
		assertThat(broker.waitFor(30, TimeUnit.SECONDS)).isTrue();
		Files.move(work.resolve("kafka.log"), work.resolve("kafka-1.log"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		broker = start(kafka, work.resolve("kafka.log"), Map.of());
		awaitLine(work.resolve("kafka.log"), "Only Kafka is running", Duration.ofSeconds(60));
		Instant brokerBack = Instant.now();
		Thread.sleep(20_000);
		running.set(false);
		for (Thread stream : streams) {
			stream.join(Duration.ofSeconds(120));
		}

		// Recovered with nobody's help: a new session places a call and sends a message.
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(2))
			.ignoreExceptions()
			.untilAsserted(() -> {
				McpSession fresh = McpSession.open(this.http, mcp);
				JsonNode sms = fresh.callTool("send_sms", Map.of("to", nextNumber(), "text", "after the storm"));
				assertThat(sms.path("structuredContent").path("status").asString()).isEqualTo("accepted");
			});

		Map<UUID, List<Event>> outcomes = new HashMap<>();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
			outcomes.clear();
			outcomes.putAll(outcomesByCommand(kafkaPort));
			assertThat(this.acknowledged.keySet()).as("acknowledged commands without an outcome")
				.allSatisfy((id) -> assertThat(outcomes).containsKey(id));
		});
		Map<UUID, List<Event>> ambiguous = outcomes.entrySet()
			.stream()
			.filter((entry) -> this.acknowledged.containsKey(entry.getKey()))
			.filter((entry) -> entry.getValue().stream().map(Event::eventId).distinct().count() != 1)
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(ambiguous).as("commands with more than one outcome").isEmpty();

		JsonNode journal = json.readTree(this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (8090 + offset) + "/_sandbox/journal")).build(),
				HttpResponse.BodyHandlers.ofString())
			.body()).path("entries");
		Map<String, Long> callsPerDestination = new HashMap<>();
		journal.forEach((entry) -> {
			if ("request".equals(entry.path("kind").asString()) && "/v1/calls".equals(entry.path("path").asString())
					&& "POST".equals(entry.path("method").asString())) {
				callsPerDestination.merge(entry.path("to").asString(), 1L, Long::sum);
			}
		});
		assertThat(callsPerDestination).as("calls per destination")
			.isNotEmpty()
			.allSatisfy((to, count) -> assertThat(count).as(to).isEqualTo(1));

		Set<String> published = publishedProviderEvents(kafkaPort);
		List<String> acknowledgedWebhooks = new ArrayList<>();
		journal.forEach((entry) -> {
			int result = entry.path("result").asInt(0);
			String status = entry.path("status").asString("");
			if ("webhook".equals(entry.path("kind").asString()) && result / 100 == 2 && !status.isEmpty()) {
				String id = entry.hasNonNull("call_uuid") ? entry.path("call_uuid").asString()
						: entry.path("message_uuid").asString();
				acknowledgedWebhooks.add(id + " " + status);
			}
		});
		assertThat(acknowledgedWebhooks).as("webhooks acknowledged with 2xx").hasSizeGreaterThan(20);
		assertThat(acknowledgedWebhooks).as("acknowledged webhooks missing from Kafka")
			.allSatisfy((webhook) -> assertThat(published).contains(webhook));

		assertThat(this.survivorFailures).as("failures of sessions on the surviving gateway").isEmpty();
		assertThat(this.lostSessions).as("sessions lost with the killed gateway").isNotEmpty();

		String summary = """
				Scaled topology fault test (2 gateways, 2 dispatchers, 2 ingests, HAProxy, 1 broker)
				  stream: %d s, 4 sessions; acknowledged commands: %d, each with exactly one outcome (%s)
				  tool errors (mostly during the broker restart): %d
				  sessions lost with the killed gateway: %d, re-opened; failures on the surviving one: %d
				  calls placed: %d destinations, none twice; webhooks acknowledged 2xx: %d, all on Kafka
				  broker back to stream end: %d s
				""".formatted(Duration.between(start, Instant.now()).toSeconds(), this.acknowledged.size(),
				outcomeKinds(outcomes), this.toolErrors.get(), this.lostSessions.size(), this.survivorFailures.size(),
				callsPerDestination.size(), acknowledgedWebhooks.size(),
				Duration.between(brokerBack, Instant.now()).toSeconds());
		Files.writeString(work.resolve("summary.txt"), summary);
		System.out.println(summary);
	}

	@AfterEach
	void stopEverything() throws InterruptedException {
		for (Process process : this.processes.reversed()) {
			process.destroy();
		}
		for (Process process : this.processes) {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
			}
		}
	}

	private void stream(McpSession first, URI mcp, AtomicBoolean running) {
		McpSession session = first;
		boolean call = false;
		while (running.get()) {
			try {
				JsonNode result = call
						? session.callTool("voice_call",
								Map.of("to", nextNumber(), "message", "Fault test call", "wait_for_result", false))
						: session.callTool("send_sms", Map.of("to", nextNumber(), "text", "Fault test message"));
				call = !call;
				JsonNode facts = result.path("structuredContent");
				String status = facts.path("status").asString("");
				if (facts.hasNonNull("command_id") && !"not_queued".equals(status)) {
					this.acknowledged.put(UUID.fromString(facts.path("command_id").asString()), status);
				}
				if (result.path("isError").asBoolean(false)) {
					this.toolErrors.incrementAndGet();
				}
				Thread.sleep(1_000);
			}
			catch (McpSession.SessionLost ex) {
				if (session.servedBy.equals(this.killedGateway)) {
					this.lostSessions.add(session.sessionId + ": " + ex.getMessage());
				}
				else {
					this.survivorFailures.add(session.servedBy + " " + session.sessionId + ": " + ex.getMessage());
				}
				session = reopen(mcp, running);
				if (session == null) {
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private McpSession reopen(URI mcp, AtomicBoolean running) {
		while (running.get()) {
			try {
				return McpSession.open(this.http, mcp);
			}
			catch (IOException | RuntimeException ex) {
				try {
					Thread.sleep(1_000);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return null;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		return null;
	}

	private String nextNumber() {
		return "+1415555" + this.numbers.getAndIncrement();
	}

	private Map<UUID, List<Event>> outcomesByCommand(int kafkaPort) {
		Map<UUID, List<Event>> outcomes = new HashMap<>();
		for (Event event : events(kafkaPort)) {
			if (event instanceof CommandAccepted || event instanceof CommandFailed || event instanceof CommandExpired
					|| event instanceof CommandOutcomeUnknown) {
				outcomes.computeIfAbsent(event.commandId(), (id) -> new ArrayList<>()).add(event);
			}
		}
		return outcomes;
	}

	private Set<String> publishedProviderEvents(int kafkaPort) {
		return events(kafkaPort).stream().map((event) -> switch (event) {
			case CallStatusChanged status -> status.callUuid() + " " + status.status();
			case MessageStatusChanged status -> status.messageUuid() + " " + status.status();
			default -> "";
		}).collect(Collectors.toSet());
	}

	private static List<Event> events(int kafkaPort) {
		List<Event> events = new ArrayList<>();
		for (ConsumerRecord<String, String> record : TopicReader.allStrings("localhost:" + kafkaPort, Topics.EVENTS)) {
			events.add(json.readValue(record.value(), Event.class));
		}
		return events;
	}

	private static String outcomeKinds(Map<UUID, List<Event>> outcomes) {
		return outcomes.values()
			.stream()
			.collect(Collectors.groupingBy((events) -> events.get(0).getClass().getSimpleName(), Collectors.counting()))
			.toString();
	}

	/**
	 * SIGKILL (a crash) or SIGTERM (a restart) to the service listening on {@code port}.
	 */
	private static void kill(int port, boolean crash) {
		ProcessHandle service = ProcessHandle.allProcesses()
			.filter((process) -> process.info().commandLine().orElse("").contains("--server.port=" + port))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no process serves port " + port));
		if (crash) {
			service.destroyForcibly();
		}
		else {
			service.destroy();
		}
	}

	private List<String> launcher(String... args) {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
				LAUNCHER.toString(), "--root", ROOT.toString()));
		command.addAll(List.of(args));
		return command;
	}

	private Process start(List<String> command, Path log, Map<String, String> env) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("VONAGE_") || name.equals("MCP_AUTH_TOKENS"));
		builder.environment().putAll(env);
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	private static void awaitLine(Path log, String text, Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text));
	}

	private static int freePortPair() throws IOException {
		for (int attempt = 0; attempt < 50; attempt++) {
			int port = FreePorts.next();
			if (port < 65000 && free(port + 1)) {
				return port;
			}
		}
		throw new IllegalStateException("no two consecutive free ports");
	}

	/** An offset that frees every port of the scaled topology. */
	private static int freeOffset() {
		for (int attempt = 0; attempt < 50; attempt++) {
			int offset = 20_000 + 10 * ThreadLocalRandom.current().nextInt(1_500);
			List<Integer> ports = List.of(8000, 8080, 8090, 8404, 18001, 18002, 18081, 18082, 18101, 18102);
			if (ports.stream().allMatch((port) -> free(port + offset))) {
				return offset;
			}
		}
		throw new IllegalStateException("no free port offset");
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
