package dev.telephony.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

	// Small heaps and C1 only: four JVMs start faster and fit next to the IDE on a
	// laptop.
	private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");

	private final String java;

	private final StackPaths paths;

	private final int kafkaPort;

	private final Map<String, String> env;

	ServicePlan(String java, StackPaths paths, int kafkaPort, Map<String, String> env) {
		this.java = java;
		this.paths = paths;
		this.kafkaPort = kafkaPort;
		this.env = env;
	}

	List<ServiceSpec> sandboxServices(KeyMaterial keys) {
		String secret = keys.signatureSecret();
		List<String> gateway = new ArrayList<>(List.of("--server.port=" + GATEWAY_PORT));
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
				service("mcp-gateway", GATEWAY_PORT, gateway.toArray(String[]::new)));
	}

	/**
	 * Services for real Vonage: no sandbox, and the services read VONAGE_* and
	 * CALLBACK_SERVER_URL from the environment they inherit.
	 * @return the services in start order
	 */
	List<ServiceSpec> realServices() {
		return List.of(service("webhook-ingest", INGEST_PORT, "--server.port=" + INGEST_PORT),
				service("dispatcher", DISPATCHER_PORT, "--server.port=" + DISPATCHER_PORT),
				service("mcp-gateway", GATEWAY_PORT, "--server.port=" + GATEWAY_PORT));
	}

	private ServiceSpec service(String module, int port, String... args) {
		List<String> command = new ArrayList<>();
		command.add(this.java);
		command.addAll(JVM_OPTIONS);
		command.add("-jar");
		command.add(this.paths.jar(module).toString());
		command.add("--spring.kafka.bootstrap-servers=localhost:" + this.kafkaPort);
		command.addAll(List.of(args));
		return new ServiceSpec(module, port, command);
	}

}
