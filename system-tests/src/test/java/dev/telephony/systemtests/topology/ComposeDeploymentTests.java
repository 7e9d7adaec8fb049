package dev.telephony.systemtests.topology;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.telephony.systemtests.LocalImages;
import dev.telephony.systemtests.NodeClient;
import dev.telephony.testsupport.ExternalTools;
import dev.telephony.testsupport.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docker-compose.yml for real, on the images scripts/build-images makes here: the scaled
 * topology (2 gateways, 3 dispatchers, 2 ingests and 2 authorization servers behind
 * HAProxy, the sandbox, one broker, PostgreSQL, Prometheus) comes up healthy, answers a
 * real MCP client on 127.0.0.1 through HAProxy, and rides out a crashed dispatcher, a
 * crashed gateway and a crashed broker with the promises of
 * {@link ScaledTopologyFaultTests}. Grafana has no Debian package, so it is not started.
 * Skipped without a Docker engine, unless REQUIRE_EXTERNAL_TOOLS is set (.ci/run).
 */
class ComposeDeploymentTests {

	private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

	private static final JsonMapper json = JsonMapper.builder().build();

	/** ::1 as /proc/net/tcp6 writes it (four 32-bit words, each in host byte order). */
	private static final String IPV6_LOOPBACK = "00000000000000000000000001000000";

	/** Everything but Grafana; compose starts them in the order of their dependencies. */
	private static final List<String> SERVICES = List.of("kafka", "kafka-init", "sandbox-keys", "vonage-sandbox",
			"postgres", "authorization-server", "mcp-gateway", "dispatcher", "webhook-ingest", "haproxy", "prometheus");

	private static final Map<String, Integer> REPLICAS = Map.of("mcp-gateway", 2, "dispatcher", 3, "webhook-ingest", 2,
			"authorization-server", 2);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Compose compose;

	@Test
	void theScaledDeploymentComesUpServesAClientAndRidesOutCrashes() throws Exception {
		ExternalTools.require("docker-compose");
		Path work = Files.createDirectories(ROOT.resolve("system-tests/target/compose"));

		Instant buildStart = Instant.now();
		LocalImages.require(work.resolve("build-images.log"));
		Duration build = Duration.between(buildStart, Instant.now());

		String token = randomHex(32);
		Ports ports = new Ports();
		String adminPassword = randomHex(16);
		this.compose = project(work, ports, token, adminPassword, "kafka-single");

		Instant upStart = Instant.now();
		List<String> up = new ArrayList<>(List.of("up", "--detach", "--no-build"));
		REPLICAS.forEach((service, count) -> up.addAll(List.of("--scale", service + "=" + count)));
		up.addAll(SERVICES);
		this.compose.compose(Duration.ofMinutes(10), up.toArray(String[]::new));
		Map<String, String> conditions = awaitEveryHealthCheck(Duration.ofMinutes(8));
		int published = assertEveryPublishedPortIsOnLoopback();
		Duration healthy = Duration.between(upStart, Instant.now());

		URI mcp = URI.create("http://127.0.0.1:" + ports.mcp + "/mcp");
		FaultLedger ledger = new FaultLedger(this.http, mcp, token);
		SandboxScenarios sandbox = new SandboxScenarios(URI.create("http://127.0.0.1:" + ports.sandbox));
		assertTheOAuthMetadataPointsAtTheAuthorizationServer(ports.mcp);
		assertAClientCanTextCallAndConverse(ledger, sandbox);
		String oauth = assertAConnectorSignsInThroughOAuth(ports.mcp, adminPassword);

		List<McpSession> sessions = ledger.startStreams(4);
		Instant start = Instant.now();
		Thread.sleep(10_000);
		this.compose.crash(this.compose.containers("dispatcher").get(0));
		Thread.sleep(10_000);
		String killedGateway = sessions.get(0).servedBy;
		this.compose.crash(gatewayContainer(killedGateway, ports.stats));
		Thread.sleep(10_000);
		this.compose.crash(this.compose.containers("kafka").get(0));
		Instant brokerCrash = Instant.now();
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(2))
			.ignoreExceptions()
			.until(() -> "healthy".equals(this.compose.condition(this.compose.containers("kafka").get(0))));
		Duration brokerBack = Duration.between(brokerCrash, Instant.now());
		Thread.sleep(20_000);
		ledger.stopStreams();
		ledger.assertANewSessionWorks();
		String bootstrap = "127.0.0.1:" + ports.kafka;
		String outcomes = ledger.assertExactlyOneOutcomeEach(bootstrap);
		JsonNode journal = sandbox.journal();
		int destinations = FaultLedger.assertNoDestinationCalledTwice(journal);
		int webhooks = FaultLedger.assertEveryAcknowledgedWebhookOnKafka(journal, bootstrap);
		ledger.assertOnlyTheKilledGatewaysSessionsWereLost(killedGateway);
		awaitEveryHealthCheck(Duration.ofMinutes(3));
		String monitoring = assertPrometheusScrapesEveryTargetAndLoadedTheRules(ports.prometheus);
		int connections = assertNoConnectionLeavesDockersNetworks();

		String summary = """
				Compose deployment test (docker-compose.yml on the images of scripts/build-images)
				  image build: %d s; up until every health check passed: %d s
				  containers: %s, published ports: %d, all on 127.0.0.1; open connections: %d, none beyond the compose networks
				  stream: %d s, 4 sessions; acknowledged commands: %d, each with exactly one outcome (%s)
				  tool errors (mostly while the broker was down): %d
				  sessions lost with the crashed gateway: %d, re-opened; failures on the surviving one: none
				  calls placed: %d destinations, none twice; webhooks acknowledged 2xx: %d, all on Kafka
				  broker crash to healthy again: %d s
				  %s
				  %s
				"""
			.formatted(build.toSeconds(), healthy.toSeconds(), conditions.size(), published, connections,
					Duration.between(start, Instant.now()).toSeconds(), ledger.acknowledgedCount(), outcomes,
					ledger.toolErrors(), ledger.lostSessions(killedGateway), destinations, webhooks,
					brokerBack.toSeconds(), oauth, monitoring);
		Files.writeString(work.resolve("summary.txt"), summary);
		System.out.println(summary);
	}

	@Test
	void theThreeBrokerProfileReplicatesEveryTopicAndRidesOutABrokerCrash() throws Exception {
		ExternalTools.require("docker-compose");
		Path work = Files.createDirectories(ROOT.resolve("system-tests/target/compose-cluster"));
		LocalImages.require(work.resolve("build-images.log"), "base", "jre", "kafka");
		this.compose = project(work, new Ports(), randomHex(32), randomHex(16), "kafka-cluster");
		List<String> brokers = List.of("kafka-1", "kafka-2", "kafka-3");
		List<String> up = new ArrayList<>(List.of("up", "--detach", "--no-build"));
		up.addAll(brokers);
		up.add("kafka-init");
		this.compose.compose(Duration.ofMinutes(10), up.toArray(String[]::new));
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofSeconds(3))
			.ignoreExceptions()
			.untilAsserted(() -> {
				assertThat(this.compose.condition(this.compose.containers("kafka-init").get(0))).isEqualTo("exited 0");
				for (String broker : brokers) {
					assertThat(this.compose.condition(this.compose.containers(broker).get(0))).as(broker)
						.isEqualTo("healthy");
				}
			});
		String describe = topics("kafka-1");
		for (String topic : List.of("telephony.commands.v1", "telephony.events.v1", "telephony.dispatch-log.v1",
				"telephony.rate-slots.v1")) {
			assertThat(describe).as(topic)
				.containsPattern("Topic: " + topic.replace(".", "\\.") + "\\s.*ReplicationFactor: 3");
		}
		this.compose.crash(this.compose.containers("kafka-2").get(0));
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(2))
			.ignoreExceptions()
			.untilAsserted(() -> {
				assertThat(this.compose.condition(this.compose.containers("kafka-2").get(0))).isEqualTo("healthy");
				// Every partition has its three replicas in sync again.
				assertThat(topics("kafka-1").lines().filter((line) -> line.contains("Partition: "))).isNotEmpty()
					.allSatisfy((line) -> assertThat(line).containsPattern("Isr: \\d+,\\d+,\\d+"));
			});
	}

	/** {@code kafka-topics.sh --describe} of every topic, run in a broker's container. */
	private String topics(String broker) throws IOException, InterruptedException {
		return this.compose.docker(Duration.ofSeconds(60), "exec", this.compose.containers(broker).get(0),
				"/opt/kafka/bin/kafka-topics.sh", "--bootstrap-server", "localhost:9092", "--describe");
	}

	/**
	 * A compose project of its own: random secrets, free loopback ports, the locally
	 * built images.
	 */
	private static Compose project(Path work, Ports ports, String token, String adminPassword, String kafkaProfile)
			throws IOException {
		Map<String, String> env = new LinkedHashMap<>(imageVariables());
		env.put("COMPOSE_PROFILES", kafkaProfile);
		if ("kafka-cluster".equals(kafkaProfile)) {
			env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092,kafka-3:9092");
			env.put("KAFKA_REPLICATION_FACTOR", "3");
		}
		env.put("VONAGE_SIGNATURE_SECRET", randomHex(32));
		env.put("AUTH_DB_PASSWORD", randomHex(24));
		env.put("AUTH_ADMIN_PASSWORD_HASH", new BCryptPasswordEncoder().encode(adminPassword));
		env.put("GRAFANA_ADMIN_PASSWORD", randomHex(16));
		env.put("MCP_AUTH_TOKENS", "ci=" + token);
		env.put("PUBLISH_ADDRESS", "127.0.0.1");
		env.put("MCP_PORT", Integer.toString(ports.mcp));
		env.put("MCP_TLS_PORT", Integer.toString(ports.mcpTls));
		env.put("WEBHOOK_PORT", Integer.toString(ports.webhook));
		env.put("HAPROXY_STATS_PORT", Integer.toString(ports.stats));
		env.put("SANDBOX_PORT", Integer.toString(ports.sandbox));
		env.put("PROMETHEUS_PORT", Integer.toString(ports.prometheus));
		env.put("GRAFANA_PORT", Integer.toString(ports.grafana));
		env.put("TEST_KAFKA_PORT", Integer.toString(ports.kafka));
		env.put("PUBLIC_BASE_URL", "http://127.0.0.1:" + ports.mcp);
		return new Compose(ROOT,
				List.of(ROOT.resolve("docker-compose.yml"),
						ROOT.resolve("system-tests/src/test/resources/compose/test-override.yml")),
				"telephony-ci-" + ProcessHandle.current().pid() + "-" + kafkaProfile, env, work);
	}

	@AfterEach
	void tearDown() throws Exception {
		if (this.compose != null) {
			this.compose.saveLogs();
			this.compose.compose(Duration.ofMinutes(5), "down", "--volumes", "--remove-orphans", "--timeout", "20");
			this.compose = null;
		}
	}

	private void assertAClientCanTextCallAndConverse(FaultLedger ledger, SandboxScenarios sandbox) throws Exception {
		McpSession session = ledger.open();
		JsonNode sms = session.callTool("send_sms", Map.of("to", "+14155550123", "text", "Hello from compose"));
		assertThat(sms.path("structuredContent").path("status").asString()).as(sms.toString()).isEqualTo("accepted");

		sandbox.put("14155550124", """
				{"voice":{"outcome":"answer","after_ms":300,"say":"Tuesday works for me.","confidence":0.9}}""");
		JsonNode input = session.callTool("voice_call_with_input", Map.of("to", "+14155550124", "prompt_message",
				"When can you come?", "input_type", "speech", "timeout_seconds", 30));
		assertThat(text(input)).as(input.toString()).contains("Tuesday works for me.");

		sandbox.put("14155550125", """
				{"voice":{"outcome":"answer","after_ms":300,"turns":[
				  {"say":"Luigi's, how can I help?"},
				  {"say":"Sure, for how many people?"}]}}""");
		JsonNode opened = session.callTool("voice_call_with_input",
				Map.of("to", "+14155550125", "prompt_message", "Hello, a table for tonight?", "keep_open", true));
		assertThat(text(opened)).as(opened.toString()).contains("Luigi's, how can I help?");
		String callUuid = opened.path("structuredContent").path("call_uuid").asString();
		JsonNode next = session.callTool("continue_call",
				Map.of("call_uuid", callUuid, "message", "At eight, please."));
		assertThat(text(next)).as(next.toString()).contains("Sure, for how many people?");
		JsonNode ended = session.callTool("end_call", Map.of("call_uuid", callUuid, "message", "Goodbye!"));
		assertThat(ended.path("isError").asBoolean(false)).as(ended.toString()).isFalse();
		assertThat(ended.path("structuredContent").path("ended_by").asString()).isEqualTo("model");
	}

	/**
	 * The MCP TypeScript SDK's OAuth client adds the deployment by its URL, as Claude's
	 * connectors do, through HAProxy: the 401, the metadata of both, registration, PKCE
	 * sign-in as the admin user and consent, the token, and an SMS with it.
	 */
	private String assertAConnectorSignsInThroughOAuth(int mcpPort, String adminPassword) throws Exception {
		ExternalTools.require("node");
		ExternalTools.require("npm");
		NodeClient client = NodeClient.install("connector-flow.mjs");
		String base = "http://127.0.0.1:" + mcpPort;
		List<String> lines = client.run("connector-flow.mjs", base + "/mcp", "admin", adminPassword, "+14155550126");
		JsonNode result = json.readTree(lines.get(lines.size() - 1)).path("result");
		assertThat(result.isObject()).as(String.join("\n", lines)).isTrue();
		List<String> exchanges = result.path("exchanges")
			.valueStream()
			.map((exchange) -> exchange.path("method").asString() + " "
					+ exchange.path("url").asString().replace(base, "") + " " + exchange.path("status").asInt())
			.toList();
		assertThat(exchanges).as(String.join("\n", lines))
			.containsSubsequence("POST /mcp 401", "GET /.well-known/oauth-protected-resource/mcp 200",
					"GET /.well-known/oauth-authorization-server 200", "POST /oauth2/register 201",
					"POST /oauth2/token 200", "POST /mcp 200");
		assertThat(result.path("sms").path("isError").asBoolean(true)).as(result.path("sms").toString()).isFalse();
		assertThat(result.path("refresh").path("result").asString()).isEqualTo("AUTHORIZED");
		return "OAuth connector flow through HAProxy: " + exchanges.size() + " exchanges, SMS sent with the token";
	}

	private void assertTheOAuthMetadataPointsAtTheAuthorizationServer(int mcpPort) throws Exception {
		String base = "http://127.0.0.1:" + mcpPort;
		JsonNode resource = getJson(URI.create(base + "/.well-known/oauth-protected-resource/mcp"));
		assertThat(resource.path("resource").asString()).isEqualTo(base + "/mcp");
		assertThat(resource.path("authorization_servers").get(0).asString()).isEqualTo(base);
		JsonNode server = getJson(URI.create(base + "/.well-known/oauth-authorization-server"));
		assertThat(server.path("issuer").asString()).isEqualTo(base);
		assertThat(server.path("token_endpoint").asString()).startsWith(base + "/");
	}

	private String assertPrometheusScrapesEveryTargetAndLoadedTheRules(int port)
			throws IOException, InterruptedException {
		URI targets = URI.create("http://127.0.0.1:" + port + "/api/v1/targets?state=active");
		Map<String, Long> upByJob = new TreeMap<>();
		// A target of a replaced container stays down until DNS discovery drops it (15
		// s).
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
			upByJob.clear();
			List<String> down = new ArrayList<>();
			for (JsonNode target : getJson(targets).path("data").path("activeTargets")) {
				String job = target.path("labels").path("job").asString();
				if ("up".equals(target.path("health").asString())) {
					upByJob.merge(job, 1L, Long::sum);
				}
				else {
					down.add(job + " " + target.path("scrapeUrl").asString() + ": " + target.path("lastError"));
				}
			}
			assertThat(down).as("targets not up").isEmpty();
			assertThat(upByJob).containsEntry("mcp-gateway", 2L)
				.containsEntry("dispatcher", 3L)
				.containsEntry("webhook-ingest", 2L)
				.containsKeys("vonage-sandbox", "prometheus");
		});
		JsonNode groups = getJson(URI.create("http://127.0.0.1:" + port + "/api/v1/rules")).path("data").path("groups");
		long alerts = 0;
		long recordings = 0;
		for (JsonNode group : groups) {
			for (JsonNode rule : group.path("rules")) {
				if ("alerting".equals(rule.path("type").asString())) {
					alerts++;
				}
				else {
					recordings++;
				}
				assertThat(rule.path("health").asString()).as(rule.path("name").asString()).isNotEqualTo("err");
			}
		}
		assertThat(alerts).as("alert rules loaded").isPositive();
		return "Prometheus targets up: " + upByJob + "; rules loaded: " + alerts + " alerting, " + recordings
				+ " recording";
	}

	/**
	 * Nothing of the deployment listens beyond this machine: every port Docker published
	 * is bound to 127.0.0.1 (PUBLISH_ADDRESS and the compose file's loopback-only ports).
	 * @return how many host ports were published
	 */
	private int assertEveryPublishedPortIsOnLoopback() throws IOException, InterruptedException {
		List<String> bindings = new ArrayList<>();
		for (String service : SERVICES) {
			for (String container : this.compose.containers(service)) {
				JsonNode ports = json.readTree(this.compose.docker(Duration.ofSeconds(30), "inspect", "--format",
						"{{json .NetworkSettings.Ports}}", container));
				ports.properties()
					.forEach((port) -> port.getValue()
						.forEach((binding) -> bindings
							.add(service + " " + port.getKey() + " on " + binding.path("HostIp").asString())));
			}
		}
		assertThat(bindings).as("published ports")
			.isNotEmpty()
			.allSatisfy((binding) -> assertThat(binding).endsWith(" on 127.0.0.1"));
		return bindings.size();
	}

	/**
	 * Containers talk only over the project's own bridge networks: every TCP connection
	 * open or being opened in any container ({@code /proc/net/tcp} and {@code tcp6}) has
	 * its far end on loopback or in one of those networks (the host's end of the bridge
	 * included, where the published ports come in).
	 * @return how many connections were looked at
	 */
	private int assertNoConnectionLeavesDockersNetworks() throws IOException, InterruptedException {
		List<String> containers = new ArrayList<>();
		List<long[]> networks = new ArrayList<>();
		for (String service : SERVICES) {
			for (String container : this.compose.containers(service)) {
				if (!this.compose.condition(container).startsWith("exited")) {
					containers.add(container);
				}
				for (String cidr : this.compose
					.docker(Duration.ofSeconds(30), "inspect", "--format",
							"{{range .NetworkSettings.Networks}}{{.IPAddress}}/{{.IPPrefixLen}} {{end}}", container)
					.strip()
					.split(" ")) {
					if (cidr.contains(".")) {
						int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
						long mask = (prefix == 0) ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
						networks.add(new long[] { ipv4(cidr.substring(0, cidr.indexOf('/'))) & mask, mask });
					}
				}
			}
		}
		List<String> outside = new ArrayList<>();
		int seen = 0;
		for (String container : containers) {
			String table = this.compose.docker(Duration.ofSeconds(30), "exec", container, "cat", "/proc/net/tcp",
					"/proc/net/tcp6");
			for (String line : table.lines().toList()) {
				String[] fields = line.strip().split("\\s+");
				// 01 established, 02 SYN sent; listening sockets have no far end.
				if (fields.length < 4 || !(fields[3].equals("01") || fields[3].equals("02"))) {
					continue;
				}
				seen++;
				String remote = fields[2].substring(0, fields[2].indexOf(':'));
				long address = remoteIpv4(remote);
				boolean inside = address == -1 ? remote.equals(IPV6_LOOPBACK) : (address >>> 24) == 127
						|| networks.stream().anyMatch((network) -> (address & network[1]) == network[0]);
				if (!inside) {
					outside.add(this.compose.name(container) + " -> " + remote);
				}
			}
		}
		assertThat(seen).as("connections seen").isPositive();
		assertThat(outside).as("connections beyond the compose networks").isEmpty();
		return seen;
	}

	/**
	 * The IPv4 address of a /proc/net/tcp address (hex, little-endian), also when it is
	 * IPv4-mapped in tcp6; -1 for a real IPv6 address.
	 */
	private static long remoteIpv4(String hex) {
		if (hex.length() == 32) {
			if (!hex.startsWith("0000000000000000FFFF0000")) {
				return -1;
			}
			hex = hex.substring(24);
		}
		long little = Long.parseLong(hex, 16);
		return ((little & 0xFF) << 24) | ((little & 0xFF00) << 8) | ((little >>> 8) & 0xFF00)
				| ((little >>> 24) & 0xFF);
	}

	private static long ipv4(String dotted) {
		long address = 0;
		for (String part : dotted.split("\\.")) {
			address = (address << 8) | Integer.parseInt(part);
		}
		return address;
	}

	/**
	 * Waits until every container of the project is healthy (or, for the one-shot
	 * containers, exited 0).
	 */
	private Map<String, String> awaitEveryHealthCheck(Duration timeout) {
		Map<String, String> conditions = new TreeMap<>();
		await().atMost(timeout).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
			conditions.clear();
			for (String service : SERVICES) {
				for (String container : this.compose.containers(service)) {
					conditions.put(this.compose.name(container), this.compose.condition(container));
				}
			}
			assertThat(conditions).as("containers")
				.hasSize(SERVICES.size() + REPLICAS.values().stream().mapToInt((count) -> count - 1).sum());
			assertThat(conditions).as("health of every container")
				.allSatisfy((name, condition) -> assertThat(condition).as(name)
					.isIn(oneShot(name) ? Set.of("exited 0") : Set.of("healthy")));
		});
		return conditions;
	}

	private static boolean oneShot(String containerName) {
		return containerName.contains("kafka-init") || containerName.contains("sandbox-keys");
	}

	/**
	 * The container behind one of HAProxy's gateway slots ({@code X-Served-By}): the
	 * slot's address in HAProxy's statistics ({@code stats show-legends}) matched against
	 * the gateway containers' addresses. DNS fills the slots in no particular order.
	 */
	private String gatewayContainer(String slot, int statsPort) throws IOException, InterruptedException {
		String csv = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		List<String> lines = csv.lines().toList();
		List<String> header = List.of(lines.get(0).replaceFirst("^# ", "").split(","));
		int proxy = header.indexOf("pxname");
		int server = header.indexOf("svname");
		int address = header.indexOf("addr");
		String ip = lines.stream()
			.skip(1)
			.map((line) -> line.split(",", -1))
			.filter((fields) -> fields[proxy].equals("mcp_gateways") && fields[server].equals(slot)
					&& fields[address].contains(":"))
			.map((fields) -> fields[address].substring(0, fields[address].lastIndexOf(':')))
			.findFirst()
			.orElseThrow(() -> new AssertionError("HAProxy shows no address for " + slot + ":\n" + csv));
		for (String container : this.compose.containers("mcp-gateway")) {
			String addresses = this.compose.docker(Duration.ofSeconds(30), "inspect", "--format",
					"{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", container);
			if (List.of(addresses.strip().split(" ")).contains(ip)) {
				return container;
			}
		}
		throw new AssertionError("no gateway container has the address " + ip + " of " + slot);
	}

	private JsonNode getJson(URI uri) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(20))
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(uri + " answered " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static String text(JsonNode result) {
		return result.path("content").path(0).path("text").asString("");
	}

	/** The images of docker/offline/images.env, which compose takes over .env's. */
	private static Map<String, String> imageVariables() throws IOException {
		Map<String, String> variables = new LinkedHashMap<>();
		for (String line : Files.readAllLines(ROOT.resolve("docker/offline/images.env"))) {
			if (!line.isBlank() && !line.startsWith("#")) {
				variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
			}
		}
		return variables;
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	/** Host ports for the published services, free when the test starts. */
	private static final class Ports {

		final int mcp = FreePorts.next();

		final int mcpTls = FreePorts.next();

		final int webhook = FreePorts.next();

		final int stats = FreePorts.next();

		final int sandbox = FreePorts.next();

		final int prometheus = FreePorts.next();

		final int grafana = FreePorts.next();

		final int kafka = FreePorts.next();

	}

	/** The sandbox's admin API on its loopback port. */
	private final class SandboxScenarios {

		private final URI base;

		SandboxScenarios(URI base) {
			this.base = base;
		}

		void put(String number, String scenario) throws IOException, InterruptedException {
			HttpResponse<String> response = ComposeDeploymentTests.this.http
				.send(HttpRequest.newBuilder(this.base.resolve("/_sandbox/scenarios/" + number))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(scenario))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode() / 100).as(response.body()).isEqualTo(2);
		}

		JsonNode journal() throws IOException, InterruptedException {
			return getJson(this.base.resolve("/_sandbox/journal"));
		}

	}

}
