package dev.telephony.localstack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Polls a Spring Boot actuator health endpoint until it reports UP.
 */
final class HealthCheck {

	private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	private final Duration pollInterval;

	HealthCheck(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	/**
	 * Waits until {@code uri} answers 200 with status UP.
	 * @param name service name for messages
	 * @param uri the health endpoint
	 * @param timeout how long to wait
	 * @param liveness the process behind the endpoint; waiting ends if it exits
	 * @throws HealthCheckException if the process exits or the timeout passes first
	 * @throws InterruptedException if interrupted while waiting
	 */
	void awaitUp(String name, URI uri, Duration timeout, Liveness liveness)
			throws HealthCheckException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		String lastAnswer = "no answer";
		while (true) {
			Optional<String> death = liveness.deathReason();
			if (death.isPresent()) {
				throw new HealthCheckException(death.get() + " before " + uri + " reported UP");
			}
			try {
				HttpResponse<String> response = this.client.send(
						HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
						HttpResponse.BodyHandlers.ofString());
				// Actuator says UP in its body; anything else (HAProxy's /healthz) says
				// it with a 200.
				boolean actuator = uri.getPath().startsWith("/actuator/");
				if (response.statusCode() == 200 && (!actuator || UP.matcher(response.body()).find())) {
					return;
				}
				lastAnswer = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
			}
			catch (ConnectException ex) {
				lastAnswer = "connection refused";
			}
			catch (HttpTimeoutException ex) {
				lastAnswer = "no response within 2 s";
			}
			catch (IOException ex) {
				lastAnswer = ex.toString();
			}
			if (System.nanoTime() - deadline >= 0) {
				throw new HealthCheckException(name + " did not report UP at " + uri + " within " + describe(timeout)
						+ " (last answer: " + lastAnswer + ")");
			}
			Thread.sleep(this.pollInterval);
		}
	}

	private static String abbreviate(String body) {
		String line = body.replaceAll("\\s+", " ").strip();
		return (line.length() > 200) ? line.substring(0, 200) + "..." : line;
	}

	private static String describe(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	/**
	 * The service never became healthy.
	 */
	static final class HealthCheckException extends Exception {

		HealthCheckException(String message) {
			super(message);
		}

	}

}
