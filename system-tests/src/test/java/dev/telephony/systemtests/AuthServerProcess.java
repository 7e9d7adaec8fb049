package dev.telephony.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.telephony.testsupport.FreePorts;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bundled authorization server from its executable jar, in a process of its own: its
 * classpath (Spring Authorization Server, a database, templates) stays out of the
 * services that share this JVM's.
 */
final class AuthServerProcess implements AutoCloseable {

	private final Process process;

	final int port;

	private AuthServerProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static AuthServerProcess start(Path dataDir, String user, String password, String resource) throws IOException {
		int port = FreePorts.next();
		Path log = Files.createDirectories(Path.of("target", "oauth")).resolve("authorization-server.log");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:TieredStopAtLevel=1", "-jar", jar().toString(), "--server.port=" + port,
						"--telephony.auth.issuer=http://127.0.0.1:" + port, "--telephony.auth.data-dir=" + dataDir,
						"--telephony.auth.users." + user + "=" + new BCryptPasswordEncoder().encode(password),
						"--telephony.auth.resources=" + resource));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		AuthServerProcess server = new AuthServerProcess(process, port);
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest health = HttpRequest.newBuilder(URI.create(server.url() + "/actuator/health")).build();
		try {
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
				assertThat(process.isAlive()).as("the authorization server is running; see " + log).isTrue();
				try {
					return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
				}
				catch (IOException ex) {
					return false;
				}
			});
		}
		catch (RuntimeException | Error ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	private static Path jar() {
		Path here = Path.of("").toAbsolutePath();
		for (Path root : List.of(here.getParent(), here)) {
			if (root != null && Files.isRegularFile(root.resolve("authorization-server/pom.xml"))) {
				Path jar = root.resolve("authorization-server/target/authorization-server-0.1.0-SNAPSHOT-exec.jar");
				assertThat(jar)
					.as("the authorization server's executable jar: build it with"
							+ " ./mvnw -pl authorization-server -am package")
					.isRegularFile();
				return jar;
			}
		}
		throw new IllegalStateException("run from the repository or its system-tests module, not " + here);
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
