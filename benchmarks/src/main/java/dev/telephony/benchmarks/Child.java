package dev.telephony.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process (a service JVM or the Kafka launcher), its log, health and resource
 * usage.
 */
final class Child implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final int port;

	private final Process process;

	private final Path log;

	private Child(String name, int port, Process process, Path log) {
		this.name = name;
		this.port = port;
		this.process = process;
		this.log = log;
	}

	static Child start(String name, int port, List<String> command, Path logDir) throws IOException {
		Files.createDirectories(logDir);
		Path log = logDir.resolve(name + ".log");
		Files.writeString(log, String.join(" ", command) + System.lineSeparator());
		// In the log folder: a JVM that crashes writes hs_err files into its working
		// directory.
		Process process = new ProcessBuilder(command).directory(logDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		return new Child(name, port, process, log);
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Waits for {@code /actuator/health} to say UP. */
	void awaitHealthy(Duration timeout) throws InterruptedException {
		awaitUntil(timeout, () -> {
			try {
				HttpResponse<String> response = http
					.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
						.timeout(Duration.ofSeconds(2))
						.build(), HttpResponse.BodyHandlers.ofString());
				return response.statusCode() == 200 && response.body().contains("\"UP\"");
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}, "health");
	}

	/** Waits for a line of the log to contain {@code text}. */
	void awaitLog(String text, Duration timeout) throws InterruptedException {
		awaitUntil(timeout, () -> logText().contains(text), "'" + text + "' in its log");
	}

	private void awaitUntil(Duration timeout, Check check, String what) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue()
						+ " while waiting for " + what + "; last lines of " + this.log + ":\n" + tail(30));
			}
			if (check.ok()) {
				return;
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(
				this.name + " did not report " + what + " within " + timeout + "; last lines:\n" + tail(30));
	}

	String logText() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	String tail(int lines) {
		List<String> all = logText().lines().toList();
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Resident set size in bytes, from {@code /proc/<pid>/status}; 0 if gone. */
	long rssBytes() {
		return Proc.statusKb(pid(), "VmRSS") * 1024;
	}

	/** CPU time used so far, user + system, in clock ticks. */
	long cpuTicks() {
		return Proc.cpuTicks(pid());
	}

	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	@FunctionalInterface
	private interface Check {

		boolean ok();

	}

}
