package dev.telephony.systemtests.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.telephony.testsupport.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static checks of the container deployment: docker-compose.yml, .env, docker/Dockerfile
 * and docker/haproxy/haproxy.cfg. Nothing is started. The compose model is the one
 * {@code docker-compose config} (or {@code docker compose config}) resolves, so those
 * checks need one of them on the PATH and are skipped, saying so, without; likewise
 * {@code haproxy -c} needs haproxy.
 */
class ComposeFileTests {

	private static final Path ROOT = repositoryRoot();

	private static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");

	private static final Path ENV_FILE = ROOT.resolve(".env");

	private static final Path DOCKERFILE = ROOT.resolve("docker/Dockerfile");

	private static final Path HAPROXY_CFG = ROOT.resolve("docker/haproxy/haproxy.cfg");

	/**
	 * The secrets compose must refuse to run without; dummy values for validation. The
	 * hash has the dollar signs of a real one, which must reach the container as they
	 * are.
	 */
	private static final Map<String, String> SECRETS = Map.of("GRAFANA_ADMIN_PASSWORD", "dummy-grafana-password",
			"VONAGE_SIGNATURE_SECRET", "dummy-signature-secret-0123456789abcdef", "AUTH_DB_PASSWORD",
			"dummy-db-password", "AUTH_ADMIN_PASSWORD_HASH",
			"$2y$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234");

	/** Static client tokens: optional since the gateway takes OAuth access tokens. */
	private static final String OPTIONAL_TOKENS = "MCP_AUTH_TOKENS";

	/**
	 * Variables of this JVM's environment that would change the resolved model; removed
	 * before running compose (with the secrets and COMPOSE_*), so .env's defaults apply.
	 */
	private static final Set<String> OVERRIDABLE = Set.of(OPTIONAL_TOKENS, "PUBLIC_BASE_URL", "PUBLISH_ADDRESS",
			"MCP_PORT", "MCP_TLS_PORT", "HAPROXY_TLS_CERT", "TLS_CERT_DIR", "POSTGRES_IMAGE",
			"TELEPHONY_GATEWAY_OAUTH_JWK_SET_URI", "TELEPHONY_GATEWAY_OAUTH_AUDIENCES");

	/** Services that run once and exit; every other service runs for good. */
	private static final Set<String> ONE_SHOT = Set.of("kafka-init", "sandbox-keys");

	private static final Set<String> JAVA_SERVICES = Set.of("mcp-gateway", "dispatcher", "webhook-ingest",
			"vonage-sandbox", "authorization-server");

	/**
	 * Paths of the MCP frontend and where they must go: a backend, or "deny" (404). The
	 * authorization server's metadata, OAuth endpoints, sign-in and upstream callback,
	 * and the gateway's protected-resource metadata are public; actuator endpoints are
	 * not.
	 */
	private static final Map<String, String> MCP_FRONTEND_ROUTES = routes();

	private static final List<String> TOPICS = List.of("telephony.commands.v1", "telephony.events.v1",
			"telephony.dispatch-log.v1", "telephony.commands.v1-dlt", "telephony.audit.v1", "telephony.rate-slots.v1");

	private static Map<String, Object> resolvedModel;

	@Test
	void composeFileIsValid() throws Exception {
		Result result = compose(SECRETS, "config", "-q");
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@Test
	void staticClientTokensAreOptional() throws Exception {
		assertThat(SECRETS).doesNotContainKey(OPTIONAL_TOKENS);
		Result without = compose(SECRETS, "config", "-q");
		assertThat(without.exitCode()).as("config without " + OPTIONAL_TOKENS + ":\n" + without.output()).isZero();
		assertThat(map(services().get("mcp-gateway").get("environment"))).containsEntry(OPTIONAL_TOKENS, "");
		Map<String, String> with = new LinkedHashMap<>(SECRETS);
		with.put(OPTIONAL_TOKENS, "ci=dummy-token-0123456789abcdef");
		Result result = compose(with, "config");
		assertThat(result.exitCode()).as(result.output()).isZero();
		Map<String, Object> model = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(result.stdout()));
		assertThat(map(map(map(map(model.get("services")).get("mcp-gateway")).get("environment"))))
			.containsEntry(OPTIONAL_TOKENS, "ci=dummy-token-0123456789abcdef");
		assertThat(envFile()).doesNotContainKey(OPTIONAL_TOKENS);
	}

	@Test
	void composeRefusesToRunWithoutEachSecret() throws Exception {
		for (String secret : SECRETS.keySet()) {
			Map<String, String> others = new LinkedHashMap<>(SECRETS);
			others.remove(secret);
			Result result = compose(others, "config", "-q");
			assertThat(result.exitCode()).as("config without " + secret + ":\n" + result.output()).isNotZero();
			assertThat(result.output()).contains(secret);
		}
		String compose = Files.readString(COMPOSE_FILE);
		for (String secret : SECRETS.keySet()) {
			assertThat(compose).contains("${" + secret + ":?");
		}
		assertThat(envFile()).doesNotContainKeys(SECRETS.keySet().toArray(String[]::new));
	}

	@Test
	void everyLongRunningServiceHasHealthCheckMemoryLimitAndRestartPolicy() throws Exception {
		Map<String, Map<String, Object>> services = services();
		assertThat(services).containsKeys("kafka", "kafka-1", "kafka-2", "kafka-3", "kafka-init", "sandbox-keys",
				"vonage-sandbox", "mcp-gateway", "dispatcher", "webhook-ingest", "authorization-server", "postgres",
				"haproxy", "prometheus", "grafana");
		services.forEach((name, service) -> {
			assertThat(memoryLimit(service)).as("memory limit of %s", name).isNotNull();
			if (ONE_SHOT.contains(name)) {
				assertThat(String.valueOf(service.get("restart"))).as("restart policy of %s", name).isEqualTo("no");
				return;
			}
			assertThat(String.valueOf(service.get("restart"))).as("restart policy of %s", name)
				.isIn("always", "unless-stopped", "on-failure");
			Map<String, Object> healthcheck = map(service.get("healthcheck"));
			assertThat(healthcheck).as("healthcheck of %s", name).isNotEmpty().doesNotContainEntry("disable", true);
			assertThat(list(healthcheck.get("test"))).as("healthcheck test of %s", name).isNotEmpty();
		});
		for (String name : JAVA_SERVICES) {
			assertThat(list(map(services.get(name).get("healthcheck")).get("test"))).containsExactly("CMD",
					"/usr/local/bin/healthcheck");
		}
		// Over TCP, so that the server's socket-only first-start initialisation is not
		// taken for healthy.
		assertThat(list(map(services.get("postgres").get("healthcheck")).get("test"))).containsExactly("CMD",
				"pg_isready", "-h", "127.0.0.1", "-U", "auth", "-d", "auth");
	}

	@Test
	void theAuthorizationServerAndItsDatabaseArePinnedAndBuiltFromTheDockerfile() throws Exception {
		Map<String, Map<String, Object>> services = services();
		assertThat(envFile().get("POSTGRES_IMAGE")).matches("postgres:\\d+\\.\\d+-alpine");
		assertThat(services.get("postgres")).containsEntry("image", envFile().get("POSTGRES_IMAGE"));
		Map<String, Object> auth = services.get("authorization-server");
		assertThat(auth).containsEntry("image",
				"telephony/authorization-server:" + envFile().get("TELEPHONY_IMAGE_TAG"));
		assertThat(map(auth.get("build"))).containsEntry("dockerfile", "docker/Dockerfile");
		assertThat(map(map(auth.get("build")).get("args"))).containsEntry("MODULE", "authorization-server");
		// The Dockerfile copies the module (the parent POM lists it, so every build needs
		// its POM).
		assertThat(Files.readString(DOCKERFILE)).contains("COPY authorization-server/pom.xml authorization-server/",
				"COPY authorization-server/src/ authorization-server/src/");
	}

	@Test
	void theAuthorizationServerIssuesTokensForTheGatewayFromTheSharedDatabase() throws Exception {
		Map<String, Map<String, Object>> services = services();
		Map<String, Object> auth = map(services.get("authorization-server").get("environment"));
		Map<String, Object> gateway = map(services.get("mcp-gateway").get("environment"));
		Map<String, Object> postgres = map(services.get("postgres").get("environment"));
		String publicBaseUrl = envFile().get("PUBLIC_BASE_URL");
		assertThat(publicBaseUrl).isEqualTo("http://127.0.0.1:8000");
		assertThat(gateway).containsEntry("MCP_OAUTH_ISSUER", publicBaseUrl)
			.containsEntry("MCP_OAUTH_RESOURCE", publicBaseUrl + "/mcp")
			.containsEntry("TELEPHONY_GATEWAY_OAUTH_JWK_SET_URI", "http://authorization-server:9000/oauth2/jwks");
		assertThat(auth).containsEntry("AUTH_BIND_ADDRESS", "0.0.0.0")
			.containsEntry("AUTH_PORT", "9000")
			.containsEntry("AUTH_ISSUER", gateway.get("MCP_OAUTH_ISSUER"))
			.containsEntry("TELEPHONY_AUTH_RESOURCES", gateway.get("MCP_OAUTH_RESOURCE"))
			.containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"))
			.containsEntry("SPRING_DATASOURCE_USERNAME", postgres.get("POSTGRES_USER"))
			.containsEntry("SPRING_DATASOURCE_PASSWORD", SECRETS.get("AUTH_DB_PASSWORD"));
		assertThat(postgres).containsEntry("POSTGRES_PASSWORD", SECRETS.get("AUTH_DB_PASSWORD"));
		// `config` writes a literal $ as $$ (so that its output reads back the same): the
		// hash arrives with its dollar signs, not interpolated.
		assertThat(String.valueOf(auth.get("TELEPHONY_AUTH_USERS_ADMIN")).replace("$$", "$"))
			.isEqualTo(SECRETS.get("AUTH_ADMIN_PASSWORD_HASH"));
		assertThat(list(services.get("postgres").get("volumes")).toString()).contains("/var/lib/postgresql/data");
		assertThat(map(resolvedModel.get("volumes"))).containsKey("postgres-data");
		assertThat(map(services.get("authorization-server").get("deploy"))).containsEntry("replicas", 2);
		assertThat(map(map(services.get("authorization-server").get("depends_on")).get("postgres")))
			.containsEntry("condition", "service_healthy");
		assertThat(map(map(services.get("haproxy").get("depends_on")).get("authorization-server")))
			.containsEntry("condition", "service_healthy");
	}

	@Test
	void everyImageIsPinned() throws Exception {
		services().forEach((name, service) -> {
			assertThat(service.get("image")).as("image of %s", name).isNotNull();
			assertPinned(name, String.valueOf(service.get("image")));
			Map<String, Object> build = map(service.get("build"));
			map(build.get("args")).forEach((arg, value) -> {
				if (arg.endsWith("_IMAGE")) {
					assertPinned(name + " build arg " + arg, String.valueOf(value));
				}
			});
		});
		envFile().forEach((key, value) -> {
			if (key.endsWith("_IMAGE")) {
				assertPinned(".env " + key, value);
			}
		});
		Matcher defaults = Pattern.compile("(?m)^ARG (\\w+_IMAGE)=(\\S+)$").matcher(Files.readString(DOCKERFILE));
		int count = 0;
		while (defaults.find()) {
			assertPinned("Dockerfile ARG " + defaults.group(1), defaults.group(2));
			assertThat(envFile()).as(".env pins the Dockerfile's default")
				.containsEntry(defaults.group(1), defaults.group(2));
			count++;
		}
		assertThat(count).as("base images of the Dockerfile").isEqualTo(2);
	}

	@Test
	void onlyHaproxyPublishesTheServicesAndTheServicesScale() throws Exception {
		Map<String, Map<String, Object>> services = services();
		for (String name : List.of("mcp-gateway", "dispatcher", "webhook-ingest", "authorization-server", "postgres")) {
			Map<String, Object> service = services.get(name);
			assertThat(list(service.get("ports"))).as("published ports of %s", name).isEmpty();
			assertThat(service).as(name + " can run several containers").doesNotContainKey("container_name");
		}
		String tlsPort = envFile().get("MCP_TLS_PORT");
		assertThat(tlsPort).isEqualTo("8443");
		// Short syntax from docker-compose 1.x, long syntax (a map) from Compose v2.
		assertThat(list(services.get("haproxy").get("ports"))).hasSize(4)
			.anyMatch((port) -> port.equals("127.0.0.1:" + tlsPort + ":8443/tcp")
					|| (port.contains("target=8443") && port.contains("published=" + tlsPort)));
		assertThat(map(services.get("mcp-gateway").get("deploy"))).containsEntry("replicas", 2);
		assertThat(map(services.get("webhook-ingest").get("deploy"))).containsEntry("replicas", 2);
		assertThat(list(services.get("haproxy").get("volumes")).toString()).contains("docker/haproxy/haproxy.cfg",
				"/usr/local/etc/haproxy/haproxy.cfg");
		Map<String, Object> gateway = map(services.get("mcp-gateway").get("environment"));
		assertThat(gateway).containsEntry("MCP_BIND_ADDRESS", "0.0.0.0");
		assertThat(String.valueOf(gateway.get("TELEPHONY_GATEWAY_ALLOWED_HOSTS")).split(",")).contains("localhost:*",
				"127.0.0.1:*", "haproxy:*");
	}

	@Test
	void servicesStartAfterTheTopicsExistAndDependOnHealthyServices() throws Exception {
		Map<String, Map<String, Object>> services = services();
		for (String name : List.of("mcp-gateway", "dispatcher", "webhook-ingest")) {
			assertThat(map(map(services.get(name).get("depends_on")).get("kafka-init")))
				.as("%s waits for kafka-init", name)
				.containsEntry("condition", "service_completed_successfully");
		}
		services.forEach((name, service) -> map(service.get("depends_on")).forEach((dependency, spec) -> {
			String expected = ONE_SHOT.contains(dependency) ? "service_completed_successfully" : "service_healthy";
			assertThat(map(spec)).as("%s depends on %s", name, dependency).containsEntry("condition", expected);
		}));
		String script = String.join("\n", list(services.get("kafka-init").get("command")));
		for (String topic : TOPICS) {
			assertThat(script).contains("create " + topic);
		}
		assertThat(script).contains("--partitions", "--replication-factor", "cleanup.policy=compact",
				"retention.ms=86400000", "retention.ms=7776000000");
		// Every dispatcher must read the rate-slot claims in one order, stamped by the
		// broker.
		assertThat(script).contains("create telephony.rate-slots.v1 1 --config message.timestamp.type=LogAppendTime");
		assertThat(map(services.get("kafka-init").get("environment"))).containsEntry("PARTITIONS", "6");
	}

	@Test
	void theDispatcherUsesTheSandboxUnlessToldOtherwise() throws Exception {
		Map<String, Map<String, Object>> services = services();
		Map<String, Object> dispatcher = map(services.get("dispatcher").get("environment"));
		Map<String, Object> sandbox = map(services.get("vonage-sandbox").get("environment"));
		Map<String, Object> ingest = map(services.get("webhook-ingest").get("environment"));
		assertThat(dispatcher).containsEntry("TELEPHONY_VONAGE_API_BASE_URL", "http://vonage-sandbox:8090")
			.containsEntry("CALLBACK_SERVER_URL", "http://haproxy:8080");
		assertThat(dispatcher.get("VONAGE_APPLICATION_ID")).isEqualTo(sandbox.get("SANDBOX_APPLICATION_ID"));
		assertThat(sandbox.get("SANDBOX_SIGNATURE_SECRET")).isEqualTo(ingest.get("VONAGE_SIGNATURE_SECRET"))
			.isEqualTo(SECRETS.get("VONAGE_SIGNATURE_SECRET"));
		assertThat(String.valueOf(sandbox.get("SANDBOX_INBOUND_URL"))).startsWith("http://haproxy:8080/");
		assertThat(String.valueOf(dispatcher.get("VONAGE_PRIVATE_KEY_PATH"))).endsWith("/application.key");
		assertThat(String.valueOf(sandbox.get("SANDBOX_PUBLIC_KEY_PATH"))).endsWith("/application.pub");
		assertThat(Files.readString(COMPOSE_FILE))
			.contains("${TELEPHONY_VONAGE_API_BASE_URL:-http://vonage-sandbox:8090}");
	}

	@Test
	void grafanaHasNoAnonymousAccessAndARequiredAdminPassword() throws Exception {
		Map<String, Object> grafana = map(services().get("grafana").get("environment"));
		assertThat(grafana).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
			.containsEntry("GF_SECURITY_ADMIN_PASSWORD", SECRETS.get("GRAFANA_ADMIN_PASSWORD"));
		assertThat(Files.readString(COMPOSE_FILE)).contains("GF_SECURITY_ADMIN_PASSWORD: \"${GRAFANA_ADMIN_PASSWORD:?");
	}

	@Test
	void haproxyKeepsEachMcpSessionOnOneGateway() throws Exception {
		Map<String, List<String>> sections = haproxySections();
		assertThat(sections.get("resolvers docker")).contains("nameserver dns 127.0.0.11:53");
		List<String> gateways = sections.get("backend mcp_gateways");
		assertThat(gateways).contains("stick store-response res.hdr(Mcp-Session-Id)",
				"stick on req.hdr(Mcp-Session-Id)",
				"http-check send meth GET uri /actuator/health ver HTTP/1.1 hdr Host localhost");
		assertThat(gateways).anyMatch((line) -> line.startsWith("stick-table type string"));
		assertThat(gateways).anyMatch((line) -> line.matches("server-template \\S+ \\d+-\\d+ mcp-gateway:8000"));
		assertThat(gateways).anyMatch((line) -> line.matches("timeout server \\d+m"));
		List<String> ingest = sections.get("backend webhook_ingest");
		assertThat(ingest).contains("balance roundrobin");
		assertThat(ingest).anyMatch((line) -> line.matches("server-template \\S+ \\d+-\\d+ webhook-ingest:8080"));
		assertThat(sections.get("frontend mcp")).contains("bind :8000");
		assertThat(sections.get("frontend webhooks")).contains("bind :8080");
		assertThat(sections.get("defaults")).anyMatch((line) -> line.contains("init-addr none"));
	}

	@Test
	void haproxyRoutesOAuthToTheAuthorizationServerAndTheResourceMetadataToTheGateways() throws Exception {
		List<String> frontend = haproxySections().get("frontend mcp");
		MCP_FRONTEND_ROUTES
			.forEach((path, expected) -> assertThat(route(frontend, path)).as("route of %s", path).isEqualTo(expected));
		List<String> auth = haproxySections().get("backend auth_server");
		assertThat(auth).as("backend auth_server").isNotNull();
		// The name run-local --scale maps to its local authorization server.
		assertThat(auth).contains("server-template auth 1-3 authorization-server:9000",
				"http-check send meth GET uri /actuator/health ver HTTP/1.1 hdr Host localhost",
				"http-check expect status 200", "option httpchk");
		// Sign-in sessions are in memory: a browser stays on one replica.
		assertThat(auth).contains("balance source", "hash-type consistent");
	}

	@Test
	void haproxyTellsTheBackendsWhichSchemeTheClientUsed() throws Exception {
		List<String> frontend = haproxySections().get("frontend mcp");
		assertThat(frontend).contains("http-request set-header X-Forwarded-Proto https if { ssl_fc }",
				"http-request set-header X-Forwarded-Proto http unless { ssl_fc }",
				"http-request del-header X-Forwarded-Host");
		// Before any rule that picks a backend, so that every request gets them.
		assertThat(frontend.indexOf("http-request set-header X-Forwarded-Proto http unless { ssl_fc }"))
			.isLessThan(frontend
				.indexOf(frontend.stream().filter((line) -> line.startsWith("use_backend")).findFirst().orElseThrow()));
	}

	@Test
	void haproxyServesTlsOnlyWithACertificate() throws Exception {
		List<String> frontend = haproxySections().get("frontend mcp");
		int start = frontend.indexOf(".if strneq(\"$HAPROXY_TLS_CERT\",\"\")");
		assertThat(start).as("conditional TLS block in frontend mcp: %s", frontend).isNotNegative();
		assertThat(frontend.subList(start, frontend.size())).startsWith(".if strneq(\"$HAPROXY_TLS_CERT\",\"\")",
				"bind :8443 ssl crt \"${HAPROXY_TLS_CERT}\"", ".endif");
		// No other TLS listener, conditional or not.
		assertThat(frontend.stream().filter((line) -> line.startsWith("bind ") && line.contains(" ssl"))).hasSize(1);
		Map<String, Object> haproxy = services().get("haproxy");
		assertThat(map(haproxy.get("environment"))).containsEntry("HAPROXY_TLS_CERT", "");
		assertThat(list(haproxy.get("volumes")))
			.anyMatch((volume) -> volume.endsWith("docker/haproxy/certs:/usr/local/etc/haproxy/certs:ro"));
		assertThat(ROOT.resolve("docker/haproxy/certs/README.md")).isRegularFile();
		assertThat(Files.readString(COMPOSE_FILE)).contains("${TLS_CERT_DIR:-./docker/haproxy/certs}");
	}

	@Test
	void haproxyAcceptsItsConfiguration() throws Exception {
		ExternalTools.require("haproxy");
		Result result = run(List.of("haproxy", "-c", "-f", HAPROXY_CFG.toString()), Map.of());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("Configuration file is valid");
		Result empty = run(List.of("haproxy", "-c", "-f", HAPROXY_CFG.toString()), Map.of("HAPROXY_TLS_CERT", ""));
		assertThat(empty.exitCode()).as(empty.output()).isZero();
	}

	@Test
	void haproxyAcceptsItsConfigurationWithACertificate(@TempDir Path dir) throws Exception {
		ExternalTools.require("haproxy");
		ExternalTools.require("openssl");
		// The block is read when the variable is set: a missing file is an error.
		Result missing = run(List.of("haproxy", "-c", "-f", HAPROXY_CFG.toString()),
				Map.of("HAPROXY_TLS_CERT", dir.resolve("missing.pem").toString()));
		assertThat(missing.exitCode()).as(missing.output()).isNotZero();
		assertThat(missing.output()).contains("missing.pem");
		Path key = dir.resolve("k");
		Path cert = dir.resolve("c");
		Result openssl = run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj",
				"/CN=localhost", "-days", "1", "-keyout", key.toString(), "-out", cert.toString()), Map.of());
		assertThat(openssl.exitCode()).as(openssl.output()).isZero();
		Path pem = dir.resolve("tls.pem");
		Files.writeString(pem, Files.readString(cert) + Files.readString(key));
		Result result = run(List.of("haproxy", "-c", "-f", HAPROXY_CFG.toString()),
				Map.of("HAPROXY_TLS_CERT", pem.toString()));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("Configuration file is valid");
	}

	@Test
	void dockerfileRunsAsNonRootWithAHealthCheck() throws Exception {
		List<String> lines = Files.readAllLines(DOCKERFILE);
		int runtimeStage = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith("FROM ")) {
				runtimeStage = i;
			}
		}
		assertThat(runtimeStage).as("a FROM line").isNotNegative();
		List<String> runtime = lines.subList(runtimeStage, lines.size());
		List<String> users = runtime.stream().filter((line) -> line.startsWith("USER ")).toList();
		assertThat(users).as("USER in the runtime stage").isNotEmpty();
		String user = users.get(users.size() - 1).substring("USER ".length()).trim();
		assertThat(user.split(":")[0]).isNotIn("root", "0");
		assertThat(runtime).anyMatch((line) -> line.startsWith("HEALTHCHECK ") && line.contains("CMD"));
		String dockerfile = Files.readString(DOCKERFILE);
		assertThat(dockerfile).contains("ARG MODULE", "./mvnw -B -DskipTests -pl \"${MODULE}\" -am package",
				"-Djarmode=tools", "extract --layers --launcher", "-XX:MaxRAMPercentage=",
				"org.springframework.boot.loader.launch.JarLauncher",
				"COPY docker/healthcheck /usr/local/bin/healthcheck");
		assertThat(Files.readString(ROOT.resolve("docker/healthcheck"))).contains("/actuator/health");
		assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("target", ".local", ".git",
				"node_modules");
	}

	private static Map<String, String> routes() {
		Map<String, String> routes = new LinkedHashMap<>();
		for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration",
				"/oauth2/register", "/oauth2/authorize", "/oauth2/token", "/oauth2/jwks", "/oauth2/consent",
				"/oauth2/revoke", "/oauth2/introspect", "/oauth2/authorization/google", "/login",
				"/login/oauth2/code/google", "/auth.css", "/error")) {
			routes.put(path, "auth_server");
		}
		for (String path : List.of("/mcp", "/.well-known/oauth-protected-resource",
				"/.well-known/oauth-protected-resource/mcp")) {
			routes.put(path, "mcp_gateways");
		}
		for (String path : List.of("/", "/actuator/health", "/actuator/prometheus", "/actuator", "/loginx", "/oauth2",
				"/.well-known/oauth-protected-resourcex", "/mcpx", "/webhooks/messages/status")) {
			routes.put(path, "deny");
		}
		return routes;
	}

	/**
	 * Where the frontend's rules send a request for {@code path}: "deny" for an
	 * {@code http-request deny ... unless <acls>} it does not pass, else the backend of
	 * the first matching {@code use_backend ... if <acl>}, else the default backend.
	 * Knows the ACL criteria {@code path} and {@code path_beg}, and fails on any other.
	 */
	private static String route(List<String> frontend, String path) {
		Map<String, Boolean> acls = new LinkedHashMap<>();
		for (String line : frontend) {
			if (!line.startsWith("acl ")) {
				continue;
			}
			String[] words = line.split(" ");
			if (!words[2].equals("path") && !words[2].equals("path_beg")) {
				if (words[2].startsWith("hdr")) {
					continue;
				}
				throw new AssertionError("unknown ACL criterion in " + line);
			}
			boolean matches = false;
			for (int i = 3; i < words.length; i++) {
				matches |= words[2].equals("path") ? path.equals(words[i]) : path.startsWith(words[i]);
			}
			acls.merge(words[1], matches, Boolean::logicalOr);
		}
		for (String line : frontend) {
			if (line.startsWith("http-request deny ")) {
				String[] parts = line.split(" unless ");
				assertThat(parts).as("deny rule %s", line).hasSize(2);
				boolean allowed = false;
				for (String acl : parts[1].split(" \\|\\| ")) {
					assertThat(acls).as("ACL %s", acl).containsKey(acl);
					allowed |= acls.get(acl);
				}
				if (!allowed) {
					return "deny";
				}
			}
		}
		for (String line : frontend) {
			if (line.startsWith("use_backend ")) {
				String[] words = line.split(" ");
				assertThat(words).as("rule %s", line).hasSize(4);
				assertThat(acls).as("ACL %s", words[3]).containsKey(words[3]);
				if (words[2].equals("if") && acls.get(words[3])) {
					return words[1];
				}
			}
		}
		return frontend.stream()
			.filter((line) -> line.startsWith("default_backend "))
			.map((line) -> line.substring("default_backend ".length()))
			.findFirst()
			.orElseThrow();
	}

	private static void assertPinned(String what, String image) {
		if (image.contains("@sha256:")) {
			return;
		}
		String lastPart = image.substring(image.lastIndexOf('/') + 1);
		assertThat(lastPart).as("%s (%s) names a tag", what, image).contains(":");
		String tag = lastPart.substring(lastPart.indexOf(':') + 1);
		assertThat(tag).as("tag of %s (%s)", what, image).isNotEmpty().isNotEqualTo("latest").doesNotContain("$");
	}

	private static Object memoryLimit(Map<String, Object> service) {
		Object memLimit = service.get("mem_limit");
		if (memLimit != null) {
			return memLimit;
		}
		return map(map(map(service.get("deploy")).get("resources")).get("limits")).get("memory");
	}

	/**
	 * The services of the resolved compose model, every profile switched on.
	 */
	private static synchronized Map<String, Map<String, Object>> services() throws Exception {
		if (resolvedModel == null) {
			Map<String, String> env = new LinkedHashMap<>(SECRETS);
			env.put("COMPOSE_PROFILES", "kafka-single,kafka-cluster");
			Result result = compose(env, "config");
			assertThat(result.exitCode()).as(result.output()).isZero();
			resolvedModel = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(result.stdout()));
		}
		Map<String, Map<String, Object>> services = new LinkedHashMap<>();
		map(resolvedModel.get("services")).forEach((name, service) -> services.put(name, map(service)));
		return services;
	}

	private static Map<String, String> envFile() throws IOException {
		Map<String, String> env = new LinkedHashMap<>();
		for (String line : Files.readAllLines(ENV_FILE)) {
			String trimmed = line.trim();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			int equals = trimmed.indexOf('=');
			assertThat(equals).as(".env line " + line).isPositive();
			env.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
		}
		return env;
	}

	/**
	 * haproxy.cfg by section ("global", "defaults", "backend mcp_gateways", ...), each a
	 * list of its trimmed directives without comments.
	 */
	private static Map<String, List<String>> haproxySections() throws IOException {
		Map<String, List<String>> sections = new LinkedHashMap<>();
		List<String> current = null;
		for (String line : Files.readAllLines(HAPROXY_CFG)) {
			String directive = line.replaceFirst("\\s*#.*$", "");
			if (directive.isBlank()) {
				continue;
			}
			if (directive.startsWith(".")) {
				// .if / .endif: a conditional block inside the current section.
				if (current != null) {
					current.add(directive.trim().replaceAll("\\s+", " "));
				}
			}
			else if (!Character.isWhitespace(directive.charAt(0))) {
				current = new ArrayList<>();
				sections.put(directive.trim().replaceAll("\\s+", " "), current);
			}
			else if (current != null) {
				current.add(directive.trim().replaceAll("\\s+", " "));
			}
		}
		return sections;
	}

	private static Result compose(Map<String, String> env, String... args) throws Exception {
		List<String> command = new ArrayList<>(composeCommand());
		command.addAll(List.of("-f", COMPOSE_FILE.toString()));
		command.addAll(List.of(args));
		return run(command, env);
	}

	/**
	 * docker-compose (v1) or the docker compose plugin (v2), whichever is installed.
	 */
	private static List<String> composeCommand() throws Exception {
		if (ExternalTools.onPath("docker-compose")) {
			return List.of("docker-compose");
		}
		if (ExternalTools.onPath("docker") && run(List.of("docker", "compose", "version"), Map.of()).exitCode() == 0) {
			return List.of("docker", "compose");
		}
		// Neither is there: skipped, or failed where the tools are required.
		ExternalTools.require("docker-compose");
		throw new IllegalStateException("unreachable");
	}

	/**
	 * Runs a command in the repository root, with the secrets and COMPOSE_* variables of
	 * this JVM's environment removed and {@code env} added.
	 */
	private static Result run(List<String> command, Map<String, String> env) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
		Map<String, String> environment = builder.environment();
		environment.keySet()
			.removeIf((key) -> key.startsWith("COMPOSE_") || SECRETS.containsKey(key) || OVERRIDABLE.contains(key));
		environment.putAll(env);
		Path stdout = Files.createTempFile("compose-file-tests", ".out");
		Path stderr = Files.createTempFile("compose-file-tests", ".err");
		try {
			Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", command) + " did not finish within 2 minutes");
			}
			return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
					Files.readString(stderr, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(stdout);
			Files.deleteIfExists(stderr);
		}
	}

	/**
	 * The repository root: surefire runs with the module folder as working directory, an
	 * IDE may use the root itself.
	 */
	private static Path repositoryRoot() {
		Path cwd = Path.of("").toAbsolutePath();
		for (Path candidate : new Path[] { cwd.getParent(), cwd }) {
			if (candidate != null && Files.isRegularFile(candidate.resolve("docker-compose.yml"))) {
				return candidate;
			}
		}
		throw new IllegalStateException("no docker-compose.yml in " + cwd + " or its parent");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	private static List<String> list(Object value) {
		if (value instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return (value != null) ? List.of(String.valueOf(value)) : List.of();
	}

	private record Result(int exitCode, String stdout, String stderr) {

		String output() {
			return this.stdout + this.stderr;
		}

	}

}
