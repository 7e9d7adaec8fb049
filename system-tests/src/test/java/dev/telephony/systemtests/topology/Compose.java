package dev.telephony.systemtests.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One compose project of the repository's docker-compose.yml (with a test override),
 * driven through the docker-compose and docker commands, as a user would.
 */
final class Compose {

	private final Path root;

	private final List<String> files;

	private final String project;

	private final Map<String, String> env;

	private final Path logs;

	Compose(Path root, List<Path> files, String project, Map<String, String> env, Path logs) {
		this.root = root;
		this.files = files.stream().map(Path::toString).toList();
		this.project = project;
		this.env = env;
		this.logs = logs;
	}

	/**
	 * Runs {@code docker-compose <args>} and returns its output; fails on a non-zero
	 * exit.
	 */
	String compose(Duration timeout, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("docker-compose", "--project-name", this.project));
		for (String file : this.files) {
			command.addAll(List.of("--file", file));
		}
		command.addAll(List.of(args));
		return run(command, timeout);
	}

	/** Runs {@code docker <args>} and returns its output; fails on a non-zero exit. */
	String docker(Duration timeout, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("docker"));
		command.addAll(List.of(args));
		return run(command, timeout);
	}

	/** The ids of the containers of {@code service}, running or not. */
	List<String> containers(String service) throws IOException, InterruptedException {
		return compose(Duration.ofSeconds(60), "ps", "--all", "-q", service).lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty())
			.toList();
	}

	/**
	 * What Docker says of a container: its health status where it has a health check
	 * ("healthy", "starting", "unhealthy"), else its state ("running", "exited 0").
	 */
	String condition(String container) throws IOException, InterruptedException {
		String state = docker(Duration.ofSeconds(30), "inspect", "--format",
				"{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}} {{.State.ExitCode}}{{end}}",
				container)
			.strip();
		return state.startsWith("running") ? "running" : state;
	}

	/** The container's name, e.g. telephony-ci-1234_mcp-gateway_2. */
	String name(String container) throws IOException, InterruptedException {
		return docker(Duration.ofSeconds(30), "inspect", "--format", "{{.Name}}", container).strip().replace("/", "");
	}

	/**
	 * A crash: SIGKILL to the container's main process from the host, so that Docker sees
	 * it die on its own and its restart policy applies ({@code docker kill} would count
	 * as stopped by hand).
	 */
	void crash(String container) throws IOException, InterruptedException {
		String pid = docker(Duration.ofSeconds(30), "inspect", "--format", "{{.State.Pid}}", container).strip();
		run(List.of("kill", "-KILL", pid), Duration.ofSeconds(10));
	}

	/** Every container's log, for the report when something failed. */
	void saveLogs() {
		try {
			Files.writeString(this.logs.resolve("compose.log"),
					compose(Duration.ofMinutes(2), "logs", "--no-color", "--timestamps"));
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			// Only the report is lost; the test's own failure stands.
		}
	}

	private String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
		Path output = Files.createTempFile(this.logs, "command", ".out");
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().putAll(this.env);
		Process process = builder.start();
		boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!finished) {
			process.destroyForcibly();
		}
		String text = Files.readString(output, StandardCharsets.UTF_8);
		Files.delete(output);
		if (!finished || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command)
					+ (finished ? " exited " + process.exitValue() : " timed out") + ":\n" + text);
		}
		return text;
	}

}
