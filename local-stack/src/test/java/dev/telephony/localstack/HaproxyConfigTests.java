package dev.telephony.localstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The local HAProxy runs the compose deployment's configuration, servers aside. */
class HaproxyConfigTests {

	private static final Path COMPOSE_CONFIG = Path.of("..", "docker", "haproxy", "haproxy.cfg");

	@Test
	void onlyServerDiscoveryAndBindAddressesDiffer() throws Exception {
		String compose = Files.readString(COMPOSE_CONFIG);
		String local = HaproxyConfig.local(compose,
				Map.of("gateway", List.of(18001, 18002), "ingest", List.of(18081, 18082, 18083)), 100);

		assertThat(local).contains("    server gateway1 127.0.0.1:18001\n", "server gateway2 127.0.0.1:18002",
				"server ingest3 127.0.0.1:18083", "bind 127.0.0.1:8100", "bind 127.0.0.1:8180", "bind 127.0.0.1:8504");
		assertThat(local.lines().filter((line) -> !line.strip().startsWith("#")))
			.noneMatch((line) -> line.contains("resolvers") || line.contains("server-template")
					|| line.contains("127.0.0.11"));
		// Everything that decides routing is the compose file's own.
		for (String rule : List.of("stick store-response res.hdr(Mcp-Session-Id)", "stick on req.hdr(Mcp-Session-Id)",
				"stick-table type string", "balance leastconn", "balance roundrobin", "option redispatch",
				"http-check send meth GET uri /actuator/health")) {
			assertThat(compose).contains(rule);
			assertThat(local).contains(rule);
		}
		assertThat(local.lines().filter((line) -> !line.contains("server ") && !line.contains("bind ")))
			.containsAll(compose.lines()
				.filter((line) -> !line.contains("server") && !line.contains("bind ")
						&& !line.strip().startsWith("resolve") && !line.strip().startsWith("nameserver")
						&& !line.strip().startsWith("hold ") && !line.strip().startsWith("timeout resolve")
						&& !line.strip().startsWith("timeout retry")
						&& !line.strip().startsWith("accepted_payload_size"))
				.toList());
	}

	@Test
	void haproxyAcceptsTheLocalConfiguration(@TempDir Path dir) throws Exception {
		assumeTrue(onPath("haproxy"), "haproxy is not installed (apt-get install haproxy)");
		Path config = dir.resolve("haproxy.cfg");
		Files.writeString(config, HaproxyConfig.local(Files.readString(COMPOSE_CONFIG),
				Map.of("gateway", List.of(18001), "ingest", List.of(18081)), 0));
		Process check = new ProcessBuilder("haproxy", "-c", "-f", config.toString()).redirectErrorStream(true).start();
		String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(check.exitValue()).as(output).isZero();
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, command)));
	}

}
