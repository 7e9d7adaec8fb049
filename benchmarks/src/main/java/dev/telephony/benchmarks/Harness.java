package dev.telephony.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * Runs the scenarios: starts a private stack, drives it through MCP clients, measures,
 * and writes the results as markdown.
 */
final class Harness {

	private static final List<Stack> open = new CopyOnWriteArrayList<>();

	private Harness() {
	}

	static int run(String[] args) throws Exception {
		quietLogging();
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			return 2;
		}
		if (options.help()) {
			System.out.print(Options.USAGE);
			return 0;
		}
		Path src = options.path("src", Path.of(".").toAbsolutePath().normalize());
		Path work = options.path("work", Path.of("/tmp/bench-run"));
		Path jar = options.path("jar", src.resolve("benchmarks/target/benchmarks-0.1.0-SNAPSHOT-exec.jar"));
		String java = options.text("java",
				ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
		Files.createDirectories(work);
		Env env = new Env(src, work, java, jar, Keys.generate(work.resolve("keys")));
		Report report = new Report(options.path("out", work.resolve("results.md")));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> open.forEach(Stack::close)));

		report.line("# Benchmark results");
		report.line("");
		report.line("Scenarios: " + String.join(", ", options.scenarios()) + ". Command line: `"
				+ String.join(" ", args) + "`.");
		report.machine(env);
		report.line("| MCP Java SDK (client and server) | " + mcpSdkVersion() + " |");
		report.line("| source revision | " + options.text("revision", "unknown") + " |");
		int failures = 0;
		if (options.has("floor") || options.has("sms-latency") || options.has("correlation") || options.has("turns")
				|| options.has("throughput")) {
			Stack.Settings settings = tuned(Stack.Settings.defaults("main").withBaseline(), options);
			Stack stack = null;
			try {
				stack = open(Stack.start(env, settings));
				if (options.has("floor")) {
					failures += attempt(report, "floor", new KafkaFloor(env, options, report)::run);
				}
				if (options.has("sms-latency")) {
					failures += attempt(report, "sms-latency", new SmsLatency(env, stack, options, report)::run);
				}
				if (options.has("correlation")) {
					failures += attempt(report, "correlation", new Correlation(env, stack, options, report)::run);
				}
				if (options.has("turns")) {
					failures += attempt(report, "turns", new Turns(env, stack, options, report)::run);
				}
				if (options.has("throughput")) {
					failures += attempt(report, "throughput", new Throughput(env, stack, options, report)::run);
				}
			}
			catch (Exception ex) {
				failures++;
				report.line("\n**The stack did not start:** " + ex.getMessage());
			}
			finally {
				close(stack);
			}
		}
		if (options.has("waiters")) {
			// Largest first; stop at the first count the gateway carries (>= 99 %
			// answered).
			for (String count : options.text("waiters", "10000,3000,2000").split(",")) {
				int waiters = Integer.parseInt(count.strip());
				Stack stack = null;
				try {
					stack = open(Stack.start(env, Waiters.settings(options, waiters)));
					Waiters scenario = new Waiters(env, stack, options, report, waiters);
					failures += attempt(report, "waiters", scenario::run);
					if (scenario.carried()) {
						break;
					}
				}
				catch (Exception ex) {
					failures++;
					report.line("\n**The stack for waiters did not start:** " + ex.getMessage());
				}
				finally {
					close(stack);
				}
			}
		}
		log("results in " + options.path("out", work.resolve("results.md")) + "; service logs in " + env.logs());
		return (failures == 0) ? 0 : 1;
	}

	/**
	 * What-if settings given on the command line: {@code --linger-ms N} sets the Kafka
	 * producers' {@code linger.ms} of gateway, dispatchers and ingest (Kafka 4 defaults
	 * to 5 ms, which every synchronous send waits out).
	 */
	static Stack.Settings tuned(Stack.Settings settings, Options options) {
		String heap = options.text("gateway-heap", "");
		if (!heap.isBlank()) {
			settings = settings.withGatewayJvm("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError");
		}
		String extra = options.text("gateway-args", "");
		if (!extra.isBlank()) {
			settings = settings.withGateway(extra.split(","));
		}
		String linger = options.text("linger-ms", "");
		if (linger.isBlank()) {
			return settings;
		}
		String property = "--spring.kafka.producer.properties.linger.ms=" + linger;
		return settings.withGateway(property).withDispatcher(property).withIngest(property);
	}

	@FunctionalInterface
	interface Scenario {

		void run() throws Exception;

	}

	private static int attempt(Report report, String name, Scenario scenario) {
		log("scenario " + name);
		try {
			scenario.run();
			return 0;
		}
		catch (Exception | Error ex) {
			ex.printStackTrace();
			report.line("\n**Scenario " + name + " failed:** " + ex);
			return 1;
		}
	}

	private static Stack open(Stack stack) {
		open.add(stack);
		return stack;
	}

	private static void close(Stack stack) {
		if (stack != null) {
			open.remove(stack);
			stack.close();
		}
	}

	private static String mcpSdkVersion() {
		try {
			String location = McpSchema.class.getProtectionDomain().getCodeSource().getLocation().toString();
			java.util.regex.Matcher version = java.util.regex.Pattern.compile("mcp-core-([^/!]+)\\.jar")
				.matcher(location);
			return version.find() ? version.group(1) : location;
		}
		catch (RuntimeException ex) {
			return "?";
		}
	}

	/** The Kafka and MCP clients log at INFO; only their warnings matter here. */
	private static void quietLogging() {
		if (org.slf4j.LoggerFactory
			.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
			root.setLevel(ch.qos.logback.classic.Level.WARN);
			// It warns with a stack trace for every session it cannot close on a dead
			// server.
			((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.modelcontextprotocol"))
				.setLevel(ch.qos.logback.classic.Level.ERROR);
		}
	}

	static void log(String message) {
		System.err.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
	}

}
