package dev.telephony.systemtests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.telephony.systemtests.ExternalTools;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The MCP project's own conformance suite, run against a gateway as a client would. It
 * comes from npm (it needs Node 22, which npm also provides), so it runs where npx is on
 * the PATH; elsewhere it is skipped and says why.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
class ConformanceTests {

	private static final String NODE = "node@22.23.3";

	private static final String SUITE = "@modelcontextprotocol/conformance@0.1.16";

	@Test
	void dnsRebindingProtectionScenarioPasses() throws Exception {
		assumeTrue(ExternalTools.onPath("npx"),
				"npx is not on the PATH; the MCP conformance suite needs Node.js and npm");
		try (LocalStack stack = new LocalStack(EmbeddedKafkaCondition.getBroker().getBrokersAsString())) {
			Path log = Files.createTempFile("conformance", ".log");
			Process suite = new ProcessBuilder("npx", "-y", "-p", NODE, "-p", SUITE, "--", "conformance", "server",
					"--url", stack.gatewayUrl() + "/mcp", "--scenario", "dns-rebinding-protection")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			boolean finished = suite.waitFor(5, TimeUnit.MINUTES);
			if (!finished) {
				suite.destroyForcibly();
			}
			String output = Files.readString(log, StandardCharsets.UTF_8);
			assertThat(finished).as("the suite finished within 5 minutes:\n" + output).isTrue();
			assertThat(suite.exitValue()).as(output).isZero();
			assertThat(output).contains("localhost-host-rebinding-rejected", "localhost-host-valid-accepted")
				.containsPattern("Passed: (\\d+)/\\1, 0 failed");
		}
	}

}
