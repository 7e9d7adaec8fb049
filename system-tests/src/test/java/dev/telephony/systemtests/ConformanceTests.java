package dev.telephony.systemtests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.telephony.testsupport.ExternalTools;
import dev.telephony.testsupport.FreePorts;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP project's own conformance suite, run against a gateway as a client would. It
 * comes from npm (it needs Node 22, which npm also provides), so it runs where npx is on
 * the PATH; elsewhere it is skipped and says why. The protocol scenarios run against a
 * gateway with OAuth on, to show that protecting /mcp changed nothing for its clients.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
class ConformanceTests {

	private static final String NODE = "node@22.23.3";

	private static final String SUITE = "@modelcontextprotocol/conformance@0.1.16";

	@Test
	void protocolScenariosPassWithOAuthOn() throws Exception {
		ExternalTools.require(ExternalTools.onPath("npx"), "npx is not on the PATH",
				"install Node.js and npm: the MCP conformance suite comes from npm");
		try (LocalStack stack = new LocalStack(EmbeddedKafkaCondition.getBroker().getBrokersAsString())) {
			// The suite sends no token: it comes in as a local client, past a gateway
			// that also takes OAuth tokens. The issuer is never asked, as no JWT arrives.
			int port = FreePorts.next();
			stack.startGateway("--server.port=" + port, "--telephony.gateway.oauth.issuer=http://127.0.0.1:9",
					"--telephony.gateway.oauth.resource=http://127.0.0.1:" + port + "/mcp");
			String url = "http://127.0.0.1:" + port + "/mcp";
			String rebinding = scenario(url, "dns-rebinding-protection");
			assertThat(rebinding).contains("localhost-host-rebinding-rejected", "localhost-host-valid-accepted");
			for (String protocol : new String[] { "server-initialize", "ping", "tools-list" }) {
				scenario(url, protocol);
			}
		}
	}

	private static String scenario(String url, String scenario) throws Exception {
		Path log = Files.createTempFile("conformance", ".log");
		Process suite = new ProcessBuilder("npx", "-y", "-p", NODE, "-p", SUITE, "--", "conformance", "server", "--url",
				url, "--scenario", scenario)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean finished = suite.waitFor(5, TimeUnit.MINUTES);
		if (!finished) {
			suite.destroyForcibly();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(finished).as(scenario + " finished within 5 minutes:\n" + output).isTrue();
		assertThat(suite.exitValue()).as(scenario + ":\n" + output).isZero();
		assertThat(output).as(scenario).containsPattern("Passed: (\\d+)/\\1, 0 failed");
		return output;
	}

}
