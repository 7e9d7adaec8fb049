package dev.telephony.systemtests.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.telephony.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One dispatcher as its own operating-system process, started from the module's
 * executable jar, so that it can be killed the way a crash kills it: with SIGKILL, no
 * shutdown hook, no last commit.
 */
final class DispatcherProcess {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/**
	 * The name it gives its Kafka consumers, so that the group shows which process has
	 * which partition.
	 */
	final String name;

	final int port;

	final Path log;

	private final Process process;

	private DispatcherProcess(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	/**
	 * Starts a dispatcher; returns at once. {@link #awaitHealthy()} waits for it.
	 * @param name its name, also the prefix of its Kafka client ids
	 * @param jar the dispatcher's executable jar
	 * @param logDir where its output goes
	 * @param arguments application arguments besides the port and the client id
	 */
	static DispatcherProcess start(String name, Path jar, Path logDir, List<String> arguments) {
		int port = FreePorts.next();
		Path log = logDir.resolve(name + ".log");
		List<String> command = new ArrayList<>();
		// The same JDK as the test: it is the one the build checked.
		command.add(ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		// Small and quick to start: three of these share two cores with the broker and
		// the test.
		command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-jar",
				jar.toString(), "--server.port=" + port, "--spring.kafka.consumer.client-id=" + name,
				"--spring.main.banner-mode=off"));
		command.addAll(arguments);
		try {
			Files.createDirectories(logDir);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new DispatcherProcess(name, port, log, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start " + name + ": " + command, ex);
		}
	}

	/** Waits until its actuator says UP; fails early, with its log, if it died. */
	DispatcherProcess awaitHealthy() {
		HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		await(this.name + " healthy").atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
			assertThat(this.process.isAlive()).as("%s exited early:%n%s", this.name, tail(60)).isTrue();
			try {
				HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
				return response.statusCode() == 200 && response.body().contains("\"UP\"");
			}
			catch (IOException ex) {
				return false;
			}
		});
		return this;
	}

	/** SIGKILL, as a crash or the OOM killer: nothing of the process runs any more. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		assertThat(this.process.waitFor(10, TimeUnit.SECONDS)).as("%s died", this.name).isTrue();
		// 128 + 9: the JVM did not exit by itself, the signal ended it.
		assertThat(this.process.exitValue()).as("%s exit status", this.name).isEqualTo(137);
	}

	/**
	 * SIGTERM, as a redeploy: Spring shuts down gracefully; after the grace period it is
	 * killed.
	 */
	void stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	/** Leaves no process behind, whatever state the test ended in. */
	void destroy() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	long pid() {
		return this.process.pid();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** The Prometheus page, or empty if the process does not answer. */
	String prometheus() {
		try {
			return http
				.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	/** The last lines of its output, for failure messages. */
	String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public String toString() {
		return this.name + " (pid " + this.process.pid() + ", port " + this.port + ")";
	}

}
