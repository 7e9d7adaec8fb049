package dev.telephony.localstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.telephony.testsupport.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The local HAProxy runs the compose deployment's configuration, servers aside. */
class HaproxyConfigTests {

	private static final Path COMPOSE_CONFIG = Path.of("..", "docker", "haproxy", "haproxy.cfg");

	@Test
	void onlyServerDiscoveryAndBindAddressesDiffer() throws Exception {
		String compose = Files.readString(COMPOSE_CONFIG);
		String local = HaproxyConfig.local(compose,
				Map.of("gateway", List.of(18001, 18002), "ingest", List.of(18081, 18082, 18083), "auth", List.of(9100)),
				100);

		assertThat(local).contains("    server gateway1 127.0.0.1:18001\n", "server gateway2 127.0.0.1:18002",
				"server ingest3 127.0.0.1:18083", "server auth1 127.0.0.1:9100", "bind 127.0.0.1:8100",
				"bind 127.0.0.1:8180", "bind 127.0.0.1:8504");
		// The TLS listener stays conditional on a certificate, and moves like the others.
		assertThat(local).contains(".if strneq(\"$HAPROXY_TLS_CERT\",\"\")\n    bind 127.0.0.1:8543 ssl crt "
				+ "\"${HAPROXY_TLS_CERT}\"\n.endif\n");
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
		ExternalTools.require("haproxy");
		Path config = dir.resolve("haproxy.cfg");
		Files.writeString(config, HaproxyConfig.local(Files.readString(COMPOSE_CONFIG),
				Map.of("gateway", List.of(18001), "ingest", List.of(18081), "auth", List.of(9000)), 0));
		assertThat(haproxyCheck(config, null)).isZero();
	}

	@Test
	void haproxyAcceptsTheLocalConfigurationWithTls(@TempDir Path dir) throws Exception {
		ExternalTools.require("haproxy");
		ExternalTools.require("openssl");
		Path config = dir.resolve("haproxy.cfg");
		Files.writeString(config, HaproxyConfig.local(Files.readString(COMPOSE_CONFIG),
				Map.of("gateway", List.of(18001), "ingest", List.of(18081), "auth", List.of(9000)), 0));
		// The block is parsed when the variable is set: a missing certificate is an
		// error.
		assertThat(haproxyCheck(config, dir.resolve("missing.pem").toString())).isNotZero();
		Path key = dir.resolve("key.pem");
		Path cert = dir.resolve("cert.pem");
		Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj",
				"/CN=localhost", "-days", "1", "-keyout", key.toString(), "-out", cert.toString())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("openssl.log").toFile())
			.start();
		assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(openssl.exitValue()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
		Path pem = dir.resolve("tls.pem");
		Files.writeString(pem, Files.readString(cert) + Files.readString(key));
		assertThat(haproxyCheck(config, pem.toString())).isZero();
	}

	/**
	 * {@code haproxy -c} of the file, with HAPROXY_TLS_CERT unset or set; its exit code.
	 */
	private static int haproxyCheck(Path config, String tlsCert) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("haproxy", "-c", "-f", config.toString()).redirectErrorStream(true);
		builder.environment().remove("HAPROXY_TLS_CERT");
		if (tlsCert != null) {
			builder.environment().put("HAPROXY_TLS_CERT", tlsCert);
		}
		Process check = builder.start();
		String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
		if (check.exitValue() == 0) {
			assertThat(output).as(output).contains("Configuration file is valid");
		}
		return check.exitValue();
	}

}
