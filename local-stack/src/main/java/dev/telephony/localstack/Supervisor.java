package dev.telephony.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.telephony.localstack.HealthCheck.HealthCheckException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts services one after another, each only once the previous one is healthy, watches
 * them afterwards and stops them all.
 */
final class Supervisor {

	static final int TAIL_LINES = 30;

	private static final Logger logger = LoggerFactory.getLogger(Supervisor.class);

	private final StackPaths paths;

	private final HealthCheck healthCheck;

	private final Duration healthTimeout;

	private final PrintStream out;

	private final List<ChildProcess> children = new ArrayList<>();

	private final CompletableFuture<ChildProcess> unexpectedExit = new CompletableFuture<>();

	private boolean stopping;

	private boolean restartOnExit;

	Supervisor(StackPaths paths, HealthCheck healthCheck, Duration healthTimeout, PrintStream out) {
		this.paths = paths;
		this.healthCheck = healthCheck;
		this.healthTimeout = healthTimeout;
		this.out = out;
	}

	/**
	 * Starts {@code services} in order, waiting for each to be healthy.
	 * @param services the services in start order
	 * @throws StartupException if one cannot start, exits, or is not healthy in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	/**
	 * From now on, a service that exits unexpectedly is started again instead of ending
	 * the stack, as compose's restart policy does in the scaled deployment.
	 */
	synchronized void restartOnExit() {
		this.restartOnExit = true;
	}

	void startAll(List<ServiceSpec> services) throws StartupException, InterruptedException {
		for (ServiceSpec service : services) {
			startAndAwaitHealthy(service);
		}
	}

	void startAndAwaitHealthy(ServiceSpec service) throws StartupException, InterruptedException {
		ChildProcess child = start(service);
		this.out.printf("Starting %-15s (pid %d, log %s)%n", service.name(), child.pid(), child.log());
		try {
			this.healthCheck.awaitUp(service.name(), service.healthUri(), this.healthTimeout, child);
		}
		catch (HealthCheckException ex) {
			throw new StartupException(ex.getMessage(), child);
		}
		this.out.printf("  %s is UP on port %d%n", service.name(), service.port());
	}

	private synchronized ChildProcess start(ServiceSpec service) throws StartupException {
		// A Ctrl-C during start-up must not leave a process started after the others were
		// stopped.
		if (this.stopping) {
			throw new StartupException("Stopping: " + service.name() + " was not started", null);
		}
		logger.info("Starting {}: {}", service.name(), service.printableCommand());
		ChildProcess child;
		try {
			child = ChildProcess.start(service, this.paths.log(service.name()), this.paths.root());
		}
		catch (IOException ex) {
			throw new StartupException("Cannot start " + service.name() + ": " + ex.getMessage(), null);
		}
		this.children.add(child);
		child.onExit().thenRun(() -> exited(child, service));
		return child;
	}

	private synchronized void exited(ChildProcess child, ServiceSpec service) {
		if (this.stopping) {
			return;
		}
		if (!this.restartOnExit) {
			this.unexpectedExit.complete(child);
			return;
		}
		this.children.remove(child);
		this.out.println(child.deathReason().orElse(child.name() + " stopped") + "; restarting it");
		CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> {
			try {
				ChildProcess restarted = start(service);
				this.out.printf("Restarted %-15s (pid %d)%n", service.name(), restarted.pid());
			}
			catch (StartupException ex) {
				logger.warn("Could not restart {}: {}", service.name(), ex.getMessage());
			}
		});
	}

	/**
	 * Completes with the first child that exits while it is not being stopped.
	 * @return the future child
	 */
	CompletableFuture<ChildProcess> unexpectedExit() {
		return this.unexpectedExit;
	}

	/**
	 * Stops the children, newest first: SIGTERM, then a kill for those still running
	 * after {@code grace}. Idempotent.
	 * @param grace how long the children may take to shut down gracefully
	 */
	void stopAll(Duration grace) {
		List<ChildProcess> running;
		synchronized (this) {
			this.stopping = true;
			running = new ArrayList<>(this.children.reversed());
			this.children.clear();
		}
		running.removeIf((child) -> !child.isAlive());
		for (ChildProcess child : running) {
			this.out.println("Stopping " + child.name());
			child.terminate();
		}
		long deadline = System.nanoTime() + grace.toNanos();
		for (ChildProcess child : running) {
			try {
				if (!child.awaitExit(Duration.ofNanos(deadline - System.nanoTime()))) {
					this.out.println(child.name() + " did not stop within " + grace.toSeconds() + " s; killing it");
					child.kill();
					child.awaitExit(Duration.ofSeconds(5));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				child.kill();
			}
		}
	}

	/**
	 * A service that did not come up; carries the child so its log can be shown.
	 */
	static final class StartupException extends Exception {

		private final transient ChildProcess child;

		StartupException(String message, ChildProcess child) {
			super(message);
			this.child = child;
		}

		/**
		 * The failure and, when a child was involved, the end of its log.
		 * @return the report
		 */
		String report() {
			if (this.child == null) {
				return getMessage();
			}
			return getMessage() + System.lineSeparator() + "Last " + TAIL_LINES + " lines of " + this.child.log() + ":"
					+ System.lineSeparator() + this.child.tail(TAIL_LINES);
		}

	}

}
