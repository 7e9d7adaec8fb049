package dev.telephony.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.telephony.localstack.LocalSignIn.Account;
import dev.telephony.localstack.SandboxKeys.KeyMaterial;

/**
 * The services to start, in start order (each needs the ones before it), with the
 * command-line arguments that wire them to the broker and to each other.
 */
final class ServicePlan {

	static final String SANDBOX_APPLICATION_ID = "5f0c1e2a-7b3d-4c8e-9a10-000000000001";

	// A number from Ofcom's drama range: never a real subscriber.
	static final String SANDBOX_DEFAULT_FROM = "14155550100";

	static final int GATEWAY_PORT = 8000;

	static final int INGEST_PORT = 8080;

	static final int DISPATCHER_PORT = 8081;

	static final int SANDBOX_PORT = 8090;

	static final int HAPROXY_STATS_PORT = 8404;

	static final int AUTH_PORT = 9000;

	// Dispatchers serve only management; their instances sit apart from the ingests'.
	static final int DISPATCHER_INSTANCE_BASE = 8100;

	/*
	 * Memory limits of every service JVM, in one place: the whole stack, broker included,
	 * must fit next to an IDE and a browser on a 4 GB laptop (the README's "Memory"
	 * paragraph has the measured figures). Without limits each JVM may grow its heap to a
	 * quarter of the machine and its direct buffers as far again.
	 *
	 * Measured after 6,000 send_sms: live heaps of 20 to 40 MB, metaspace 47 to 62 MB
	 * used, code cache under 30 MB with C1 only, direct buffers under 10 MB. So: heaps of
	 * 5 times the live set or more, metaspace about twice what is used, and a code cache
	 * a quarter of the default, which is sized for C2. C1 only, because start-up is what
	 * a local stack waits for. A small initial heap, because the default is a 64th of the
	 * machine's memory: on a large machine every heap would start, and stay, at its
	 * maximum.
	 */
	private static final List<String> COMMON_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1",
			"-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m");

	// G1's own structures take about 40 MB of native memory per JVM, as much as these
	// services' live heaps; Serial's pauses on a 192 MB heap go unnoticed locally.
	private static final List<String> SMALL_SERVICE_JVM_OPTIONS = List.of("-Xms32m", "-Xmx192m", "-XX:+UseSerialGC");

	// The gateway is the one sized for load (its target is 10,000 waiting tool calls in
	// 512 MB), and keeps G1, the collector the benchmarks measured it with.
	private static final List<String> GATEWAY_JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m");

	private final String java;

	private final StackPaths paths;

	private final String bootstrapServers;

	private final Map<String, String> env;

	ServicePlan(String java, StackPaths paths, int kafkaPort, Map<String, String> env) {
		this(java, paths, "localhost:" + kafkaPort, env);
	}

	ServicePlan(String java, StackPaths paths, String bootstrapServers, Map<String, String> env) {
		this.java = java;
		this.paths = paths;
		this.bootstrapServers = bootstrapServers;
		this.env = env;
	}

	List<ServiceSpec> sandboxServices(KeyMaterial keys, Account signIn) {
		String secret = keys.signatureSecret();
		List<String> gateway = new ArrayList<>(List.of("--server.port=" + GATEWAY_PORT));
		gateway.addAll(trustedIssuer(AUTH_PORT, GATEWAY_PORT));
		String lvn = this.env.get("VONAGE_LVN");
		if (lvn == null || lvn.isBlank()) {
			gateway.add("--telephony.gateway.default-from=" + SANDBOX_DEFAULT_FROM);
		}
		return List.of(
				service("vonage-sandbox", SANDBOX_PORT, "--server.port=" + SANDBOX_PORT,
						"--sandbox.application-id=" + SANDBOX_APPLICATION_ID,
						"--sandbox.public-key-path=" + keys.publicKey(), "--sandbox.signature-secret=" + secret,
						"--sandbox.inbound-url=http://localhost:8080/webhooks/messages/inbound"),
				service("webhook-ingest", INGEST_PORT, "--server.port=" + INGEST_PORT,
						"--telephony.ingest.signature-secret=" + secret),
				service("dispatcher", DISPATCHER_PORT, "--server.port=" + DISPATCHER_PORT,
						"--telephony.vonage.application-id=" + SANDBOX_APPLICATION_ID,
						"--telephony.vonage.private-key-path=" + keys.privateKey(),
						"--telephony.vonage.api-base-url=http://localhost:" + SANDBOX_PORT,
						"--telephony.vonage.callback-base-url=http://localhost:" + INGEST_PORT),
				authorizationServer(signIn, AUTH_PORT, GATEWAY_PORT),
				service("mcp-gateway", GATEWAY_PORT, gateway.toArray(String[]::new)));
	}

	/**
	 * Services for real Vonage: no sandbox, and the services read VONAGE_* and
	 * CALLBACK_SERVER_URL from the environment they inherit.
	 * @return the services in start order
	 */
	List<ServiceSpec> realServices(Account signIn) {
		List<String> gateway = new ArrayList<>(List.of("--server.port=" + GATEWAY_PORT));
		gateway.addAll(trustedIssuer(AUTH_PORT, GATEWAY_PORT));
		return List.of(service("webhook-ingest", INGEST_PORT, "--server.port=" + INGEST_PORT),
				service("dispatcher", DISPATCHER_PORT, "--server.port=" + DISPATCHER_PORT),
				authorizationServer(signIn, AUTH_PORT, GATEWAY_PORT),
				service("mcp-gateway", GATEWAY_PORT, gateway.toArray(String[]::new)));
	}

	/**
	 * The bundled authorization server with the local user, issuing tokens for the
	 * gateway on {@code mcpPort} only. It needs no Kafka.
	 */
	private ServiceSpec authorizationServer(Account signIn, int port, int mcpPort) {
		List<String> command = new ArrayList<>(List.of(this.java));
		command.addAll(jvmOptions("authorization-server"));
		command.addAll(List.of("-jar", this.paths.jar("authorization-server").toString(), "--server.port=" + port,
				"--telephony.auth.issuer=" + issuer(port), "--telephony.auth.data-dir=" + this.paths.authDir(),
				"--telephony.auth.users." + signIn.user() + "=" + signIn.passwordHash(),
				"--telephony.auth.resources=" + mcpUrl(mcpPort)));
		return new ServiceSpec("authorization-server", port, command);
	}

	/** What makes a gateway take the local authorization server's tokens for itself. */
	private static List<String> trustedIssuer(int authPort, int mcpPort) {
		return List.of("--telephony.gateway.oauth.issuer=" + issuer(authPort),
				"--telephony.gateway.oauth.resource=" + mcpUrl(mcpPort));
	}

	static String issuer(int port) {
		return "http://127.0.0.1:" + port;
	}

	static String mcpUrl(int port) {
		return "http://127.0.0.1:" + port + "/mcp";
	}

	/**
	 * The scaled topology of docker-compose.yml on loopback: instances of each service on
	 * their own ports, HAProxy on the public ones. Webhooks, the sandbox's included, go
	 * through the proxy, as they do in compose.
	 * @param haproxyConfig the local HAProxy configuration file
	 * @return the services in start order, HAProxy last
	 */
	List<ServiceSpec> scaledSandboxServices(KeyMaterial keys, Account signIn, Options.Scale scale, int offset,
			Path haproxyConfig) {
		String secret = keys.signatureSecret();
		String webhooks = "http://localhost:" + (INGEST_PORT + offset);
		List<ServiceSpec> services = new ArrayList<>();
		services.add(service("vonage-sandbox", SANDBOX_PORT + offset, "--server.port=" + (SANDBOX_PORT + offset),
				"--sandbox.application-id=" + SANDBOX_APPLICATION_ID, "--sandbox.public-key-path=" + keys.publicKey(),
				"--sandbox.signature-secret=" + secret,
				"--sandbox.inbound-url=" + webhooks + "/webhooks/messages/inbound"));
		List<Integer> ingests = instancePorts(INGEST_PORT, scale.ingests(), offset);
		for (int port : ingests) {
			services.add(instance("webhook-ingest", ingests.indexOf(port) + 1, port, "--server.port=" + port,
					"--telephony.ingest.signature-secret=" + secret));
		}
		List<Integer> dispatchers = instancePorts(DISPATCHER_INSTANCE_BASE, scale.dispatchers(), offset);
		for (int port : dispatchers) {
			services.add(instance("dispatcher", dispatchers.indexOf(port) + 1, port, "--server.port=" + port,
					"--telephony.vonage.application-id=" + SANDBOX_APPLICATION_ID,
					"--telephony.vonage.private-key-path=" + keys.privateKey(),
					"--telephony.vonage.api-base-url=http://localhost:" + (SANDBOX_PORT + offset),
					"--telephony.vonage.callback-base-url=" + webhooks));
		}
		String lvn = this.env.get("VONAGE_LVN");
		List<Integer> gateways = instancePorts(GATEWAY_PORT, scale.gateways(), offset);
		for (int port : gateways) {
			List<String> gateway = new ArrayList<>(List.of("--server.port=" + port));
			// Clients reach every replica through HAProxy's port: that URL is the
			// audience.
			gateway.addAll(trustedIssuer(AUTH_PORT + offset, GATEWAY_PORT + offset));
			if (lvn == null || lvn.isBlank()) {
				gateway.add("--telephony.gateway.default-from=" + SANDBOX_DEFAULT_FROM);
			}
			services.add(instance("mcp-gateway", gateways.indexOf(port) + 1, port, gateway.toArray(String[]::new)));
		}
		services.add(authorizationServer(signIn, AUTH_PORT + offset, GATEWAY_PORT + offset));
		services.add(new ServiceSpec("haproxy", HAPROXY_STATS_PORT + offset,
				List.of("haproxy", "-db", "-f", haproxyConfig.toString()), "/healthz"));
		return services;
	}

	/** The JVM options, memory limits first, of one service module. */
	static List<String> jvmOptions(String module) {
		List<String> options = new ArrayList<>(
				module.equals("mcp-gateway") ? GATEWAY_JVM_OPTIONS : SMALL_SERVICE_JVM_OPTIONS);
		options.addAll(COMMON_JVM_OPTIONS);
		return options;
	}

	/** Ports of the instances of a service in the scaled topology: base + 10000 + n. */
	static List<Integer> instancePorts(int base, int count, int offset) {
		List<Integer> ports = new ArrayList<>();
		for (int n = 1; n <= count; n++) {
			ports.add(base + 10_000 + n + offset);
		}
		return ports;
	}

	private ServiceSpec instance(String module, int number, int port, String... args) {
		ServiceSpec spec = service(module, port, args);
		return new ServiceSpec(module + "-" + number, port, spec.command(), spec.healthPath());
	}

	private ServiceSpec service(String module, int port, String... args) {
		List<String> command = new ArrayList<>();
		command.add(this.java);
		command.addAll(jvmOptions(module));
		command.add("-jar");
		command.add(this.paths.jar(module).toString());
		command.add("--spring.kafka.bootstrap-servers=" + this.bootstrapServers);
		command.addAll(List.of(args));
		return new ServiceSpec(module, port, command);
	}

}
