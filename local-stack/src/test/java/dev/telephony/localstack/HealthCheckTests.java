package dev.telephony.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.telephony.localstack.HealthCheck.HealthCheckException;
import dev.telephony.testsupport.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HealthCheckTests {

	private final HealthCheck healthCheck = new HealthCheck(Duration.ofMillis(50));

	private HttpServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void returnsOnceTheServiceReportsUp() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		// DOWN twice, then UP: the wait must poll past a starting service.
		URI uri = serve((exchange) -> (calls.incrementAndGet() < 3) ? new Answer(503, "{\"status\":\"DOWN\"}")
				: new Answer(200, "{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}"));
		this.healthCheck.awaitUp("svc", uri, Duration.ofSeconds(30), Liveness.ALWAYS);
		assertThat(calls.get()).isEqualTo(3);
	}

	@Test
	void timesOutWhenTheServiceNeverReportsUp() throws Exception {
		URI uri = serve((exchange) -> new Answer(503, "{\"status\":\"OUT_OF_SERVICE\"}"));
		assertThatExceptionOfType(HealthCheckException.class)
			.isThrownBy(() -> this.healthCheck.awaitUp("dispatcher", uri, Duration.ofMillis(300), Liveness.ALWAYS))
			.withMessageContaining("dispatcher did not report UP at " + uri + " within 300 ms")
			.withMessageContaining("last answer: HTTP 503 {\"status\":\"OUT_OF_SERVICE\"}");
	}

	@Test
	void okWithoutUpIsNotHealthy() throws Exception {
		URI uri = serve((exchange) -> new Answer(200, "{\"status\":\"DOWN\"}"));
		assertThatExceptionOfType(HealthCheckException.class)
			.isThrownBy(() -> this.healthCheck.awaitUp("svc", uri, Duration.ofMillis(200), Liveness.ALWAYS))
			.withMessageContaining("HTTP 200 {\"status\":\"DOWN\"}");
	}

	@Test
	void timesOutWhenNothingListens() {
		URI uri = URI.create("http://localhost:" + FreePorts.next() + "/actuator/health");
		assertThatExceptionOfType(HealthCheckException.class)
			.isThrownBy(() -> this.healthCheck.awaitUp("svc", uri, Duration.ofMillis(200), Liveness.ALWAYS))
			.withMessageContaining("last answer: connection refused");
	}

	@Test
	void stopsWaitingWhenTheProcessIsGone() {
		URI uri = URI.create("http://localhost:" + FreePorts.next() + "/actuator/health");
		assertThatExceptionOfType(HealthCheckException.class)
			.isThrownBy(() -> this.healthCheck.awaitUp("svc", uri, Duration.ofMinutes(10),
					() -> Optional.of("svc exited with code 1")))
			.withMessage("svc exited with code 1 before " + uri + " reported UP");
	}

	private URI serve(Responder responder) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.server.createContext("/actuator/health", (exchange) -> {
			Answer answer = responder.answer(exchange);
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
		return URI.create("http://localhost:" + this.server.getAddress().getPort() + "/actuator/health");
	}

	@FunctionalInterface
	interface Responder {

		Answer answer(com.sun.net.httpserver.HttpExchange exchange);

	}

	record Answer(int status, String body) {

	}

}
