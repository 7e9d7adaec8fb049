package dev.telephony.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.telephony.localstack.Supervisor.StartupException;
import dev.telephony.testsupport.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SupervisorTests {

	@TempDir
	Path dir;

	private final Output out = new Output();

	private Supervisor supervisor;

	private HttpServer server;

	@BeforeEach
	void createSupervisor() {
		this.supervisor = new Supervisor(new StackPaths(this.dir, this.dir.resolve(".local")),
				new HealthCheck(Duration.ofMillis(50)), Duration.ofMinutes(2), this.out.stream());
	}

	@AfterEach
	void stopEverything() {
		this.supervisor.stopAll(Duration.ofSeconds(5));
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void childThatExitsDuringStartupIsReportedWithItsLog() {
		ServiceSpec crashing = new ServiceSpec("crashing", FreePorts.next(),
				List.of("sh", "-c", "echo starting; echo 'port already bound' >&2; exit 3"));
		assertThatExceptionOfType(StartupException.class)
			.isThrownBy(() -> this.supervisor.startAndAwaitHealthy(crashing))
			.satisfies((ex) -> assertThat(ex.report()).contains("crashing exited with code 3 before")
				.contains("Last 30 lines of " + this.dir.resolve(".local/logs/crashing.log"))
				.contains("starting", "port already bound"));
	}

	@Test
	void healthyChildIsStartedAndStoppedWithSigterm() throws Exception {
		int port = upServer();
		Path marker = this.dir.resolve("terminated");
		// Records the SIGTERM, so the test sees a graceful stop rather than a kill.
		ServiceSpec service = new ServiceSpec("svc", port,
				List.of("sh", "-c", "trap 'touch " + marker + "; exit 0' TERM; while true; do sleep 0.1; done"));
		this.supervisor.startAndAwaitHealthy(service);
		assertThat(this.out.text()).contains("Starting svc", "svc is UP on port " + port);
		assertThat(this.supervisor.unexpectedExit()).isNotDone();

		this.supervisor.stopAll(Duration.ofSeconds(10));

		assertThat(marker).exists();
		assertThat(this.supervisor.unexpectedExit()).isNotDone();
		assertThat(this.out.text()).contains("Stopping svc").doesNotContain("killing");
	}

	@Test
	void childThatDiesAfterStartupIsReported() throws Exception {
		int port = upServer();
		Path release = this.dir.resolve("release");
		// Healthy at once (the server answers), then exits with 4 when the test says so.
		ServiceSpec service = new ServiceSpec("flaky", port,
				List.of("sh", "-c", "while [ ! -f " + release + " ]; do sleep 0.05; done; echo bye; exit 4"));
		this.supervisor.startAndAwaitHealthy(service);
		Files.createFile(release);
		ChildProcess dead = this.supervisor.unexpectedExit().get(30, TimeUnit.SECONDS);
		assertThat(dead.name()).isEqualTo("flaky");
		assertThat(dead.deathReason()).contains("flaky exited with code 4");
		assertThat(dead.tail(30)).isEqualTo("bye");
	}

	@Test
	void nothingStartsOnceStopping() {
		this.supervisor.stopAll(Duration.ofSeconds(1));
		ServiceSpec service = new ServiceSpec("late", FreePorts.next(), List.of("sh", "-c", "touch late"));
		assertThatExceptionOfType(StartupException.class)
			.isThrownBy(() -> this.supervisor.startAndAwaitHealthy(service))
			.withMessageContaining("late was not started");
		assertThat(this.dir.resolve("late")).doesNotExist();
	}

	@Test
	void previousLogIsKept() throws Exception {
		Path log = this.dir.resolve(".local/logs/twice.log");
		ServiceSpec first = new ServiceSpec("twice", FreePorts.next(), List.of("sh", "-c", "echo first; exit 1"));
		ServiceSpec second = new ServiceSpec("twice", FreePorts.next(), List.of("sh", "-c", "echo second; exit 1"));
		assertThatExceptionOfType(StartupException.class).isThrownBy(() -> this.supervisor.startAndAwaitHealthy(first));
		assertThatExceptionOfType(StartupException.class)
			.isThrownBy(() -> this.supervisor.startAndAwaitHealthy(second));
		assertThat(log).hasContent("second");
		assertThat(log.resolveSibling("twice.log.1")).hasContent("first");
	}

	private int upServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.server.createContext("/actuator/health", (exchange) -> {
			byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
		return this.server.getAddress().getPort();
	}

}
