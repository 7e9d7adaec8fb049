package dev.telephony.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private stack for one or more scenarios: a fresh Kafka broker (local-stack's launcher
 * with {@code --only-kafka}) and the services started by hand with the arguments
 * local-stack's ServicePlan gives them, on ports of their own, plus whatever the scenario
 * adds (raised limits, quotas off, more dispatchers).
 */
final class Stack implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private final Env env;

	private final Settings settings;

	private final Path logs;

	private final List<Child> started = new ArrayList<>();

	private final List<Child> dispatchers = new ArrayList<>();

	private Child sandbox;

	private Child ingest;

	private Child gateway;

	private Child baseline;

	private Stack(Env env, Settings settings) {
		this.env = env;
		this.settings = settings;
		this.logs = env.logs().resolve(settings.label());
	}

	/**
	 * What a scenario needs of the stack.
	 *
	 * @param label names the log folder and access log
	 * @param sandbox extra sandbox arguments
	 * @param dispatcher extra arguments of every dispatcher
	 * @param gateway extra gateway arguments
	 * @param ingest extra ingest arguments
	 * @param gatewayJvm JVM options of the gateway
	 * @param serviceJvm JVM options of sandbox, ingest and dispatchers
	 * @param dispatchers how many dispatchers
	 * @param baseline whether to start the baseline MCP server
	 */
	record Settings(String label, List<String> sandbox, List<String> dispatcher, List<String> gateway,
			List<String> ingest, List<String> gatewayJvm, List<String> serviceJvm, int dispatchers, boolean baseline) {

		/**
		 * The provider limits and everything else at their defaults, except the gateway's
		 * per-client quotas (off: one benchmark client sends far more than 30 SMS a
		 * minute) and the sandbox journal's capacity. JVMs as in production (full JIT,
		 * unlike run-local's C1-only start-up setting), the gateway with the 512 MB heap
		 * of the target, the others with run-local's 384 MB.
		 */
		static Settings defaults(String label) {
			return new Settings(label, List.of("--sandbox.journal-capacity=1000000"), List.of(),
					List.of("--telephony.gateway.policy.quotas.calls-per-minute=0",
							"--telephony.gateway.policy.quotas.calls-per-hour=0",
							"--telephony.gateway.policy.quotas.calls-per-day=0",
							"--telephony.gateway.policy.quotas.messages-per-minute=0",
							"--telephony.gateway.policy.quotas.messages-per-hour=0",
							"--telephony.gateway.policy.quotas.messages-per-day=0",
							"--telephony.gateway.policy.quotas.live-calls=0"),
					List.of(), List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"), List.of("-Xmx384m"), 1, false);
		}

		Settings withSandbox(String... args) {
			return new Settings(this.label, concat(this.sandbox, args), this.dispatcher, this.gateway, this.ingest,
					this.gatewayJvm, this.serviceJvm, this.dispatchers, this.baseline);
		}

		Settings withDispatcher(String... args) {
			return new Settings(this.label, this.sandbox, concat(this.dispatcher, args), this.gateway, this.ingest,
					this.gatewayJvm, this.serviceJvm, this.dispatchers, this.baseline);
		}

		Settings withGateway(String... args) {
			return new Settings(this.label, this.sandbox, this.dispatcher, concat(this.gateway, args), this.ingest,
					this.gatewayJvm, this.serviceJvm, this.dispatchers, this.baseline);
		}

		Settings withIngest(String... args) {
			return new Settings(this.label, this.sandbox, this.dispatcher, this.gateway, concat(this.ingest, args),
					this.gatewayJvm, this.serviceJvm, this.dispatchers, this.baseline);
		}

		Settings withGatewayJvm(String... options) {
			return new Settings(this.label, this.sandbox, this.dispatcher, this.gateway, this.ingest, List.of(options),
					this.serviceJvm, this.dispatchers, this.baseline);
		}

		Settings withLabel(String label) {
			return new Settings(label, this.sandbox, this.dispatcher, this.gateway, this.ingest, this.gatewayJvm,
					this.serviceJvm, this.dispatchers, this.baseline);
		}

		Settings withServiceJvm(String... options) {
			return new Settings(this.label, this.sandbox, this.dispatcher, this.gateway, this.ingest, this.gatewayJvm,
					List.of(options), this.dispatchers, this.baseline);
		}

		Settings withDispatchers(int count) {
			return new Settings(this.label, this.sandbox, this.dispatcher, this.gateway, this.ingest, this.gatewayJvm,
					this.serviceJvm, count, this.baseline);
		}

		Settings withBaseline() {
			return new Settings(this.label, this.sandbox, this.dispatcher, this.gateway, this.ingest, this.gatewayJvm,
					this.serviceJvm, this.dispatchers, true);
		}

		private static List<String> concat(List<String> list, String... more) {
			List<String> all = new ArrayList<>(list);
			all.addAll(List.of(more));
			return List.copyOf(all);
		}

	}

	static Stack start(Env env, Settings settings) throws IOException, InterruptedException {
		Stack stack = new Stack(env, settings);
		try {
			stack.startAll();
			return stack;
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	private void startAll() throws IOException, InterruptedException {
		// Logs of an earlier run with this label would be read as this run's (the
		// dispatchers' rate shares, the access log).
		if (java.nio.file.Files.isDirectory(this.logs)) {
			try (var files = java.nio.file.Files.list(this.logs)) {
				for (Path file : files.toList()) {
					java.nio.file.Files.deleteIfExists(file);
				}
			}
		}
		Keys keys = this.env.keys();
		String java = this.env.java();
		log("starting Kafka on " + this.env.bootstrap());
		Child kafka = track(Child.start("kafka", Env.KAFKA_PORT,
				List.of(java, "-Xmx512m", "--sun-misc-unsafe-memory-access=allow", "-jar",
						this.env.jar("local-stack").toString(), "--root", this.env.src().toString(), "--data-dir",
						this.env.work().resolve("kafka-" + this.settings.label()).toString(), "--kafka-port",
						Integer.toString(Env.KAFKA_PORT), "--only-kafka", "--fresh"),
				this.logs));
		kafka.awaitLog("Only Kafka is running", START_TIMEOUT);

		List<String> sandboxArgs = new ArrayList<>(List.of("--server.port=" + Env.SANDBOX_PORT,
				"--sandbox.application-id=" + Keys.APPLICATION_ID, "--sandbox.public-key-path=" + keys.publicKey(),
				"--sandbox.signature-secret=" + keys.signatureSecret(),
				"--sandbox.inbound-url=" + Env.ingestUrl() + "/webhooks/messages/inbound",
				// The sandbox's own processing time of every request, to subtract it.
				"--server.tomcat.accesslog.enabled=true",
				"--server.tomcat.accesslog.directory=" + this.logs.toAbsolutePath(),
				"--server.tomcat.accesslog.prefix=sandbox-access", "--server.tomcat.accesslog.suffix=.log",
				"--server.tomcat.accesslog.rotate=false", "--server.tomcat.accesslog.buffered=false",
				"--server.tomcat.accesslog.pattern=" + AccessLog.PATTERN));
		sandboxArgs.addAll(this.settings.sandbox());
		this.sandbox = service("vonage-sandbox", Env.SANDBOX_PORT, this.settings.serviceJvm(), sandboxArgs);
		List<String> ingestArgs = new ArrayList<>(List.of("--server.port=" + Env.INGEST_PORT,
				"--telephony.ingest.signature-secret=" + keys.signatureSecret()));
		ingestArgs.addAll(this.settings.ingest());
		this.ingest = service("webhook-ingest", Env.INGEST_PORT, this.settings.serviceJvm(), ingestArgs);
		if (this.settings.baseline()) {
			this.baseline = track(Child.start("baseline-mcp", Env.BASELINE_PORT, List.of(java, "-Xmx512m",
					"-XX:+ExitOnOutOfMemoryError", "-jar", this.env.benchmarksJar().toString(), "baseline-server",
					"--server.port=" + Env.BASELINE_PORT, "--baseline.application-id=" + Keys.APPLICATION_ID,
					"--baseline.private-key-path=" + keys.privateKey(), "--baseline.api-base-url=" + Env.sandboxUrl(),
					"--baseline.callback-base-url=" + Env.ingestUrl()), this.logs));
		}
		this.sandbox.awaitHealthy(START_TIMEOUT);
		this.ingest.awaitHealthy(START_TIMEOUT);
		if (this.baseline != null) {
			this.baseline.awaitHealthy(START_TIMEOUT);
		}
		addDispatchers(this.settings.dispatchers(), false);
		List<String> gatewayArgs = new ArrayList<>(
				List.of("--server.port=" + Env.GATEWAY_PORT, "--telephony.gateway.default-from=" + Env.DEFAULT_FROM));
		gatewayArgs.addAll(this.settings.gateway());
		this.gateway = service("mcp-gateway", Env.GATEWAY_PORT, this.settings.gatewayJvm(), gatewayArgs);
		for (Child dispatcher : this.dispatchers) {
			dispatcher.awaitHealthy(START_TIMEOUT);
		}
		this.gateway.awaitHealthy(START_TIMEOUT);
		log("stack up: " + this.started.stream().map((child) -> child.name() + " pid " + child.pid()).toList());
	}

	/**
	 * Starts more dispatchers (ports 18081, 18082, …) and waits until they are healthy.
	 */
	void addDispatchers(int count, boolean await) throws IOException, InterruptedException {
		Keys keys = this.env.keys();
		List<Child> added = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int index = this.dispatchers.size() + 1;
			int port = Env.FIRST_DISPATCHER_PORT + index - 1;
			List<String> args = new ArrayList<>(
					List.of("--server.port=" + port, "--telephony.vonage.application-id=" + Keys.APPLICATION_ID,
							"--telephony.vonage.private-key-path=" + keys.privateKey(),
							"--telephony.vonage.api-base-url=" + Env.sandboxUrl(),
							"--telephony.vonage.callback-base-url=" + Env.ingestUrl()));
			args.addAll(this.settings.dispatcher());
			Child dispatcher = service("dispatcher-" + index, "dispatcher", port, this.settings.serviceJvm(), args);
			this.dispatchers.add(dispatcher);
			added.add(dispatcher);
		}
		if (await) {
			for (Child dispatcher : added) {
				dispatcher.awaitHealthy(START_TIMEOUT);
			}
		}
	}

	private Child service(String module, int port, List<String> jvm, List<String> args) throws IOException {
		return service(module, module, port, jvm, args);
	}

	private Child service(String name, String module, int port, List<String> jvm, List<String> args)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(this.env.java());
		command.addAll(jvm);
		command.add("-jar");
		command.add(this.env.jar(module).toString());
		command.add("--spring.kafka.bootstrap-servers=" + this.env.bootstrap());
		command.addAll(args);
		return track(Child.start(name, port, command, this.logs));
	}

	private Child track(Child child) {
		this.started.add(child);
		return child;
	}

	Child sandbox() {
		return this.sandbox;
	}

	Child ingest() {
		return this.ingest;
	}

	Child gateway() {
		return this.gateway;
	}

	Child baseline() {
		return this.baseline;
	}

	List<Child> dispatchers() {
		return List.copyOf(this.dispatchers);
	}

	/** Every process of the stack, Kafka included. */
	List<Child> processes() {
		return List.copyOf(this.started);
	}

	Path logs() {
		return this.logs;
	}

	AccessLog accessLog() {
		return new AccessLog(this.logs.resolve("sandbox-access.log"));
	}

	Settings settings() {
		return this.settings;
	}

	@Override
	public void close() {
		List<Child> reverse = new ArrayList<>(this.started);
		java.util.Collections.reverse(reverse);
		for (Child child : reverse) {
			child.close();
		}
		log("stack " + this.settings.label() + " stopped");
	}

	private static void log(String message) {
		Harness.log(message);
	}

}
