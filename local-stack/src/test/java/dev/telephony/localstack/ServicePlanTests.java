package dev.telephony.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.telephony.localstack.LocalSignIn.Account;
import dev.telephony.localstack.SandboxKeys.KeyMaterial;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServicePlanTests {

	private static final StackPaths PATHS = new StackPaths(Path.of("/repo"), Path.of("/repo/.local"));

	private static final KeyMaterial KEYS = new KeyMaterial(Path.of("/repo/.local/keys/application.key"),
			Path.of("/repo/.local/keys/application.pub"), "s3cr3t");

	private static final Account SIGN_IN = new Account("local", "$2a$10$hash",
			Path.of("/repo/.local/auth/local-password"));

	@Test
	void sandboxModeWiresEveryServiceToTheSandbox() {
		List<ServiceSpec> services = new ServicePlan("/jdk/bin/java", PATHS, 9092, Map.of()).sandboxServices(KEYS,
				SIGN_IN);
		assertThat(services).extracting(ServiceSpec::name)
			.containsExactly("vonage-sandbox", "webhook-ingest", "dispatcher", "authorization-server", "mcp-gateway");
		assertThat(services).extracting(ServiceSpec::port).containsExactly(8090, 8080, 8081, 9000, 8000);
		assertThat(services.get(0).command()).startsWith("/jdk/bin/java");
		assertThat(fromJar(services.get(0))).containsExactly("-jar",
				"/repo/vonage-sandbox/target/vonage-sandbox-0.1.0-SNAPSHOT-exec.jar",
				"--spring.kafka.bootstrap-servers=localhost:9092", "--server.port=8090",
				"--sandbox.application-id=5f0c1e2a-7b3d-4c8e-9a10-000000000001",
				"--sandbox.public-key-path=/repo/.local/keys/application.pub", "--sandbox.signature-secret=s3cr3t",
				"--sandbox.inbound-url=http://localhost:8080/webhooks/messages/inbound");
		assertThat(args(services.get(1))).containsExactly("--spring.kafka.bootstrap-servers=localhost:9092",
				"--server.port=8080", "--telephony.ingest.signature-secret=s3cr3t");
		assertThat(args(services.get(2))).containsExactly("--spring.kafka.bootstrap-servers=localhost:9092",
				"--server.port=8081", "--telephony.vonage.application-id=5f0c1e2a-7b3d-4c8e-9a10-000000000001",
				"--telephony.vonage.private-key-path=/repo/.local/keys/application.key",
				"--telephony.vonage.api-base-url=http://localhost:8090",
				"--telephony.vonage.callback-base-url=http://localhost:8080");
		assertThat(fromJar(services.get(3))).containsExactly("-jar",
				"/repo/authorization-server/target/authorization-server-0.1.0-SNAPSHOT-exec.jar", "--server.port=9000",
				"--telephony.auth.issuer=http://127.0.0.1:9000", "--telephony.auth.data-dir=/repo/.local/auth",
				"--telephony.auth.users.local=$2a$10$hash", "--telephony.auth.resources=http://127.0.0.1:8000/mcp");
		assertThat(args(services.get(4))).containsExactly("--spring.kafka.bootstrap-servers=localhost:9092",
				"--server.port=8000", "--telephony.gateway.oauth.issuer=http://127.0.0.1:9000",
				"--telephony.gateway.oauth.resource=http://127.0.0.1:8000/mcp",
				"--telephony.gateway.default-from=14155550100");
	}

	@Test
	void sandboxModeKeepsAConfiguredNumber() {
		List<ServiceSpec> services = new ServicePlan("java", PATHS, 9192, Map.of("VONAGE_LVN", "447700900999"))
			.sandboxServices(KEYS, SIGN_IN);
		assertThat(args(services.get(4))).containsExactly("--spring.kafka.bootstrap-servers=localhost:9192",
				"--server.port=8000", "--telephony.gateway.oauth.issuer=http://127.0.0.1:9000",
				"--telephony.gateway.oauth.resource=http://127.0.0.1:8000/mcp");
	}

	@Test
	void realModeLeavesVonageToTheEnvironment() {
		List<ServiceSpec> services = new ServicePlan("java", PATHS, 9092, Map.of()).realServices(SIGN_IN);
		assertThat(services).extracting(ServiceSpec::name)
			.containsExactly("webhook-ingest", "dispatcher", "authorization-server", "mcp-gateway");
		assertThat(services.subList(0, 2)).allSatisfy((service) -> assertThat(args(service))
			.containsExactly("--spring.kafka.bootstrap-servers=localhost:9092", "--server.port=" + service.port()));
		assertThat(args(services.get(3))).containsExactly("--spring.kafka.bootstrap-servers=localhost:9092",
				"--server.port=8000", "--telephony.gateway.oauth.issuer=http://127.0.0.1:9000",
				"--telephony.gateway.oauth.resource=http://127.0.0.1:8000/mcp");
	}

	@Test
	void printableCommandHidesTheSecret() {
		ServiceSpec ingest = new ServicePlan("java", PATHS, 9092, Map.of()).sandboxServices(KEYS, SIGN_IN).get(1);
		assertThat(ingest.printableCommand()).doesNotContain("s3cr3t")
			.endsWith("--telephony.ingest.signature-secret=****");
		assertThat(ingest.healthUri()).hasToString("http://localhost:8080/actuator/health");
	}

	@Test
	void everyServiceJvmHasAHeapAndAMetaspaceLimit() {
		ServicePlan plan = new ServicePlan("java", PATHS, 9092, Map.of());
		List<ServiceSpec> services = new ArrayList<>(plan.sandboxServices(KEYS, SIGN_IN));
		services.addAll(plan.realServices(SIGN_IN));
		services.addAll(plan.scaledSandboxServices(KEYS, SIGN_IN, new Options.Scale(2, 2, 2), 0,
				Path.of("/repo/.local/haproxy.cfg")));
		List<ServiceSpec> jvms = services.stream().filter((service) -> service.command().contains("-jar")).toList();

		assertThat(jvms).hasSize(17)
			.allSatisfy((service) -> assertThat(jvmOptions(service)).as(service.name())
				.anySatisfy((option) -> assertThat(option).matches("-Xmx[0-9]+m"))
				.anySatisfy((option) -> assertThat(option).matches("-XX:MaxMetaspaceSize=[0-9]+m")));
		// Its heap is what its 10,000 waiting tool calls are sized for.
		assertThat(jvms).filteredOn((service) -> service.name().startsWith("mcp-gateway"))
			.hasSize(4)
			.allSatisfy((service) -> assertThat(jvmOptions(service)).contains("-Xmx512m"));
	}

	@Test
	void theBrokersJvmHasAHeapAndAMetaspaceLimitToo() throws IOException {
		// The broker runs in the launcher's JVM, which ./run-local starts.
		String script = Files.readString(Path.of("..", "run-local"));
		Matcher options = Pattern.compile("(?m)^launcher_jvm=\\(([^)]*)\\)").matcher(script);

		assertThat(options.find()).as("launcher_jvm=(...) in run-local").isTrue();
		assertThat(options.group(1).split("\\s+")).anySatisfy((option) -> assertThat(option).matches("-Xmx[0-9]+m"))
			.anySatisfy((option) -> assertThat(option).matches("-XX:MaxMetaspaceSize=[0-9]+m"));
		assertThat(script).containsPattern("(?m)^exec java \"\\$\\{launcher_jvm\\[@\\]\\}\" .*-jar \"\\$jar\"");
	}

	private static List<String> jvmOptions(ServiceSpec service) {
		List<String> command = service.command();
		return command.subList(1, command.indexOf("-jar"));
	}

	private static List<String> fromJar(ServiceSpec service) {
		List<String> command = service.command();
		return command.subList(command.indexOf("-jar"), command.size());
	}

	private static List<String> args(ServiceSpec service) {
		List<String> command = service.command();
		return command.subList(command.indexOf("-jar") + 2, command.size());
	}

	@Test
	void scaledTopologyPutsInstancesBehindTheProxyAndSendsWebhooksThroughIt() {
		List<ServiceSpec> services = new ServicePlan("java", PATHS, "localhost:39092", Map.of())
			.scaledSandboxServices(KEYS, SIGN_IN, new Options.Scale(2, 3, 2), 100, Path.of("/repo/.local/haproxy.cfg"));

		assertThat(services).extracting(ServiceSpec::name)
			.containsExactly("vonage-sandbox", "webhook-ingest-1", "webhook-ingest-2", "dispatcher-1", "dispatcher-2",
					"dispatcher-3", "mcp-gateway-1", "mcp-gateway-2", "authorization-server", "haproxy");
		assertThat(services).extracting(ServiceSpec::port)
			.containsExactly(8190, 18181, 18182, 18201, 18202, 18203, 18101, 18102, 9100, 8504);
		assertThat(services.get(0).command())
			.contains("--sandbox.inbound-url=http://localhost:8180/webhooks/messages/inbound");
		assertThat(services.get(3).command()).contains("--telephony.vonage.callback-base-url=http://localhost:8180",
				"--telephony.vonage.api-base-url=http://localhost:8190",
				"--spring.kafka.bootstrap-servers=localhost:39092");
		// Every replica is reached through the proxy, so the proxy's URL is the audience.
		assertThat(services.get(6).command()).contains("--telephony.gateway.oauth.issuer=http://127.0.0.1:9100",
				"--telephony.gateway.oauth.resource=http://127.0.0.1:8100/mcp");
		assertThat(services.get(8).command()).contains("--telephony.auth.resources=http://127.0.0.1:8100/mcp");
		assertThat(services.get(9).command()).containsExactly("haproxy", "-db", "-f", "/repo/.local/haproxy.cfg");
		assertThat(services.get(9).healthUri()).hasToString("http://localhost:8504/healthz");
	}

}
