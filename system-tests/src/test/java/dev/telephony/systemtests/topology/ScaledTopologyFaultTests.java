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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.telephony.testsupport.ExternalTools;
import dev.telephony.testsupport.FreePorts;
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
		FaultLedger ledger = new FaultLedger(this.http, mcp, null);

		List<McpSession> sessions = ledger.startStreams(4);
		Instant start = Instant.now();
		Thread.sleep(10_000);
		kill(18101 + offset, true);
		Thread.sleep(10_000);
		String killedGateway = sessions.get(0).servedBy;
		kill(18000 + Integer.parseInt(killedGateway.replace("gateway", "")) + offset, true);
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
		ledger.stopStreams();
		ledger.assertANewSessionWorks();

		String bootstrap = "localhost:" + kafkaPort;
		String outcomes = ledger.assertExactlyOneOutcomeEach(bootstrap);
		JsonNode journal = json.readTree(this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (8090 + offset) + "/_sandbox/journal")).build(),
				HttpResponse.BodyHandlers.ofString())
			.body());
		int destinations = FaultLedger.assertNoDestinationCalledTwice(journal);
		int webhooks = FaultLedger.assertEveryAcknowledgedWebhookOnKafka(journal, bootstrap);
		ledger.assertOnlyTheKilledGatewaysSessionsWereLost(killedGateway);

		String summary = """
				Scaled topology fault test (2 gateways, 2 dispatchers, 2 ingests, HAProxy, 1 broker)
				  stream: %d s, 4 sessions; acknowledged commands: %d, each with exactly one outcome (%s)
				  tool errors (mostly during the broker restart): %d
				  sessions lost with the killed gateway: %d, re-opened; failures on the surviving one: none
				  calls placed: %d destinations, none twice; webhooks acknowledged 2xx: %d, all on Kafka
				  broker back to stream end: %d s
				""".formatted(Duration.between(start, Instant.now()).toSeconds(), ledger.acknowledgedCount(), outcomes,
				ledger.toolErrors(), ledger.lostSessions(killedGateway), destinations, webhooks,
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
