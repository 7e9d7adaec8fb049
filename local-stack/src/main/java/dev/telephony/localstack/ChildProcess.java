package dev.telephony.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A service running as a child process, its output going to its own log file.
 */
final class ChildProcess implements Liveness {

	private final String name;

	private final Process process;

	private final Path log;

	private ChildProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static ChildProcess start(ServiceSpec spec, Path log, Path workDir) throws IOException {
		Files.createDirectories(log.getParent());
		// Keep one previous run: the log of a crash is still there after a restart.
		if (Files.exists(log)) {
			Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
		}
		Process process = new ProcessBuilder(spec.command()).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		// Nobody types into a service: give it end-of-input instead of a pipe nobody
		// drains.
		process.getOutputStream().close();
		return new ChildProcess(spec.name(), process, log);
	}

	String name() {
		return this.name;
	}

	Path log() {
		return this.log;
	}

	long pid() {
		return this.process.pid();
	}

	@Override
	public Optional<String> deathReason() {
		return this.process.isAlive() ? Optional.empty()
				: Optional.of(this.name + " exited with code " + this.process.exitValue());
	}

	CompletableFuture<Process> onExit() {
		return this.process.onExit();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Asks the process to stop (SIGTERM on Unix), letting Spring shut down gracefully.
	 */
	void terminate() {
		this.process.destroy();
	}

	void kill() {
		this.process.destroyForcibly();
	}

	boolean awaitExit(Duration timeout) throws InterruptedException {
		return this.process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
	}

	String tail(int lines) {
		return LogTail.lastLines(this.log, lines);
	}

}
