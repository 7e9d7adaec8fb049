package dev.telephony.localstack;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.telephony.localstack.LocalSignIn.Account;
import dev.telephony.localstack.SandboxKeys.KeyMaterial;
import dev.telephony.localstack.Supervisor.StartupException;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole local stack: broker first, then the services in dependency order, and
 * tears it down in reverse on Ctrl-C, SIGTERM or when a service dies.
 */
final class LocalStack {

	private static final Logger logger = LoggerFactory.getLogger(LocalStack.class);

	// Spring's graceful shutdown needs a few seconds; past this a service is stuck.
	private static final Duration STOP_GRACE = Duration.ofSeconds(10);

	private final Options options;

	private final StackPaths paths;

	private final Map<String, String> env;

	private final String java;

	private final PrintStream out;

	private final PrintStream err;

	private final KafkaBroker broker;

	private final Supervisor supervisor;

	private final CountDownLatch shutdownHookStarted = new CountDownLatch(1);

	private boolean stopped;

	LocalStack(Options options, Map<String, String> env, String java, PrintStream out, PrintStream err) {
		this.options = options;
		this.paths = new StackPaths(options.root(), options.dataDir());
		this.env = env;
		this.java = java;
		this.out = out;
		this.err = err;
		this.broker = new KafkaBroker(this.paths.kafkaDir(), options.kafkaPort(), options.controllerPort());
		this.supervisor = new Supervisor(this.paths, new HealthCheck(Duration.ofMillis(500)), options.healthTimeout(),
				out);
	}

	/**
	 * Starts the stack and blocks while it runs.
	 * @return the exit status: 1 when start-up fails or a service dies; on Ctrl-C the JVM
	 * exits from the shutdown hook instead
	 * @throws InterruptedException if interrupted
	 */
	int run() throws InterruptedException {
		if (this.options.onlyKafka()) {
			return runKafkaOnly();
		}
		if (this.options.scale().scaled()) {
			return runScaled();
		}
		VonageSelection vonage = VonageSelection.choose(this.env, this.options.sandbox());
		say("Using " + vonage.description());
		vonage.warnings().forEach(this::warn);
		List<String> problems = missingJars(vonage);
		problems.addAll(busyPorts(vonage));
		if (!problems.isEmpty()) {
			problems.forEach(this::error);
			return 1;
		}
		ServicePlan plan = new ServicePlan(this.java, this.paths, this.options.kafkaPort(), this.env);
		List<ServiceSpec> services;
		Account signIn;
		try {
			signIn = new LocalSignIn(this.paths.authDir()).ensure();
			services = vonage.sandbox() ? plan.sandboxServices(sandboxKeys(), signIn) : plan.realServices(signIn);
		}
		catch (IOException ex) {
			error("Cannot prepare keys in " + this.paths.keysDir() + " or the sign-in in " + this.paths.authDir() + ": "
					+ ex.getMessage());
			return 1;
		}
		installShutdownHook();
		if (!startBroker()) {
			return 1;
		}
		try {
			this.supervisor.startAll(services);
		}
		catch (StartupException ex) {
			error(ex.report());
			stop();
			return 1;
		}
		this.out.print(Banner.ready(vonage, this.broker.bootstrapServers(), this.paths.logsDir(), System.getenv()
			.keySet()
			.stream()
			.anyMatch((name) -> name.equals("MCP_AUTH_TOKENS") || name.startsWith("TELEPHONY_GATEWAY_AUTH_TOKEN")),
				signIn));
		return awaitUnexpectedExit();
	}

	/**
	 * The scaled topology of docker-compose.yml: several instances behind HAProxy, with
	 * the sandbox, and dead services restarted.
	 */
	private int runScaled() throws InterruptedException {
		Options.Scale scale = this.options.scale();
		int offset = this.options.portOffset();
		List<String> problems = new ArrayList<>();
		VonageSelection vonage = VonageSelection.choose(this.env, true);
		problems.addAll(missingJars(vonage));
		if (this.options.kafkaBootstrap() == null) {
			checkPort(this.options.kafkaPort(), "Kafka", problems);
			checkPort(this.options.controllerPort(), "the Kafka controller", problems);
		}
		Path composeConfig = this.options.root().resolve("docker/haproxy/haproxy.cfg");
		if (!Files.isRegularFile(composeConfig)) {
			problems.add("Missing " + composeConfig + ": the scaled topology uses the compose deployment's HAProxy"
					+ " configuration");
		}
		if (!onPath("haproxy")) {
			problems.add("haproxy is not installed: the scaled topology needs it (apt-get install haproxy)");
		}
		if (!problems.isEmpty()) {
			problems.forEach(this::error);
			return 1;
		}
		String bootstrap = (this.options.kafkaBootstrap() != null) ? this.options.kafkaBootstrap()
				: this.broker.bootstrapServers();
		List<ServiceSpec> services;
		try {
			Path haproxyConfig = this.paths.dataDir().resolve("haproxy.cfg");
			Files.createDirectories(haproxyConfig.getParent());
			Files.writeString(haproxyConfig, HaproxyConfig.local(Files.readString(composeConfig),
					Map.of("gateway", ServicePlan.instancePorts(ServicePlan.GATEWAY_PORT, scale.gateways(), offset),
							"ingest", ServicePlan.instancePorts(ServicePlan.INGEST_PORT, scale.ingests(), offset),
							"auth", List.of(ServicePlan.AUTH_PORT + offset)),
					offset));
			services = new ServicePlan(this.java, this.paths, bootstrap, this.env).scaledSandboxServices(sandboxKeys(),
					new LocalSignIn(this.paths.authDir()).ensure(), scale, offset, haproxyConfig);
		}
		catch (IOException ex) {
			error("Cannot prepare " + this.paths.dataDir() + ": " + ex.getMessage());
			return 1;
		}
		services.stream()
			.filter((service) -> PortProbe.inUse(service.port()))
			.forEach((service) -> problems
				.add("Port " + service.port() + " (" + service.name() + ") is already in use"));
		if (!problems.isEmpty()) {
			problems.forEach(this::error);
			return 1;
		}
		installShutdownHook();
		if (this.options.kafkaBootstrap() == null && !startBroker()) {
			return 1;
		}
		try {
			this.supervisor.startAll(services);
		}
		catch (StartupException ex) {
			error(ex.report());
			stop();
			return 1;
		}
		this.supervisor.restartOnExit();
		say("The scaled stack is up: " + scale.gateways() + " gateway(s), " + scale.dispatchers() + " dispatcher(s), "
				+ scale.ingests() + " ingest(s) behind HAProxy.");
		say("  MCP URL:   http://127.0.0.1:" + (ServicePlan.GATEWAY_PORT + offset) + "/mcp (also the OAuth"
				+ " connector URL: sign in as " + LocalSignIn.USER + ", password in "
				+ this.paths.authDir().resolve(LocalSignIn.PASSWORD_FILE) + ")");
		say("  Webhooks:  http://localhost:" + (ServicePlan.INGEST_PORT + offset) + "/webhooks/...");
		say("  HAProxy:   http://127.0.0.1:" + (ServicePlan.HAPROXY_STATS_PORT + offset) + "/stats");
		say("  Kafka:     " + bootstrap + "; logs in " + this.paths.logsDir());
		say("A service that dies is restarted. Press Ctrl-C to stop everything.");
		new CountDownLatch(1).await();
		return 0;
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		return path != null && Arrays.stream(path.split(File.pathSeparator))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, command)));
	}

	private int runKafkaOnly() throws InterruptedException {
		List<String> problems = busyPorts(null);
		if (!problems.isEmpty()) {
			problems.forEach(this::error);
			return 1;
		}
		installShutdownHook();
		if (!startBroker()) {
			return 1;
		}
		say("Only Kafka is running: start the services with --spring.kafka.bootstrap-servers="
				+ this.broker.bootstrapServers() + ". Press Ctrl-C to stop.");
		// Runs until Ctrl-C or SIGTERM; the shutdown hook stops the broker.
		new CountDownLatch(1).await();
		return 0;
	}

	private int awaitUnexpectedExit() throws InterruptedException {
		ChildProcess child;
		try {
			child = this.supervisor.unexpectedExit().get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		// Ctrl-C in a terminal signals the children too, and they may exit before our
		// hook runs; give the hook a moment so a normal Ctrl-C is not reported as a
		// crash.
		if (this.shutdownHookStarted.await(1, TimeUnit.SECONDS)) {
			return 0;
		}
		error(child.deathReason().orElse(child.name() + " stopped") + " unexpectedly; stopping everything."
				+ System.lineSeparator() + "Last " + Supervisor.TAIL_LINES + " lines of " + child.log() + ":"
				+ System.lineSeparator() + child.tail(Supervisor.TAIL_LINES));
		stop();
		return 1;
	}

	private List<String> missingJars(VonageSelection vonage) {
		List<String> problems = new ArrayList<>();
		for (String module : modules(vonage)) {
			Path jar = this.paths.jar(module);
			if (!Files.isRegularFile(jar)) {
				problems.add("Missing " + jar + ": build the services first (./mvnw -B -DskipTests package, "
						+ "or ./run-local without --no-build).");
			}
		}
		return problems;
	}

	private List<String> busyPorts(VonageSelection vonage) {
		List<String> problems = new ArrayList<>();
		checkPort(this.options.kafkaPort(), "Kafka", problems);
		checkPort(this.options.controllerPort(), "the Kafka controller", problems);
		if (vonage != null) {
			if (vonage.sandbox()) {
				checkPort(ServicePlan.SANDBOX_PORT, "vonage-sandbox", problems);
			}
			checkPort(ServicePlan.INGEST_PORT, "webhook-ingest", problems);
			checkPort(ServicePlan.DISPATCHER_PORT, "dispatcher", problems);
			checkPort(ServicePlan.AUTH_PORT, "authorization-server", problems);
			checkPort(ServicePlan.GATEWAY_PORT, "mcp-gateway", problems);
		}
		return problems;
	}

	private static void checkPort(int port, String user, List<String> problems) {
		if (PortProbe.inUse(port)) {
			problems.add("Port " + port + " (" + user + ") is already in use: is another local stack, "
					+ "or a service started from the IDE, still running?");
		}
	}

	private static List<String> modules(VonageSelection vonage) {
		return vonage.sandbox()
				? List.of("vonage-sandbox", "webhook-ingest", "dispatcher", "authorization-server", "mcp-gateway")
				: List.of("webhook-ingest", "dispatcher", "authorization-server", "mcp-gateway");
	}

	private KeyMaterial sandboxKeys() throws IOException {
		KeyMaterial keys = new SandboxKeys(this.paths.keysDir()).ensure();
		say("Sandbox keys and signature secret in " + this.paths.keysDir());
		return keys;
	}

	private boolean startBroker() {
		try {
			if (this.options.fresh()) {
				deleteRecursively(this.paths.kafkaDir());
				say("Deleted the Kafka data in " + this.paths.kafkaDir());
			}
			say("Starting Kafka on " + this.broker.bootstrapServers() + " (data in " + this.paths.kafkaDir() + ")");
			this.broker.start();
			say("Kafka is up on " + this.broker.bootstrapServers());
			return true;
		}
		catch (IOException | RuntimeException ex) {
			logger.error("Kafka did not start", ex);
			error("Kafka did not start: " + ex.getMessage() + " (details in " + this.paths.log("local-stack") + ")");
			stop();
			return false;
		}
	}

	private void installShutdownHook() {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			this.shutdownHookStarted.countDown();
			stop();
			// Log4j's own hook is disabled so the broker can log while it shuts down.
			LogManager.shutdown();
		}, "local-stack-shutdown"));
	}

	/**
	 * Stops the services, then the broker they depend on. Idempotent, so the shutdown
	 * hook can call it after a failure already did.
	 */
	synchronized void stop() {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		this.supervisor.stopAll(STOP_GRACE);
		try {
			this.broker.stop();
		}
		catch (RuntimeException ex) {
			logger.warn("Kafka did not stop cleanly", ex);
		}
		say("Stopped.");
	}

	private void say(String message) {
		logger.info(message);
		this.out.println(message);
	}

	private void warn(String message) {
		logger.warn(message);
		this.err.println("WARNING: " + message);
	}

	private void error(String message) {
		logger.error(message);
		this.err.println("ERROR: " + message);
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

}
