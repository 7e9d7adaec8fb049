package dev.telephony.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.telephony.testsupport.ExternalTools;
import dev.telephony.gateway.auth.Clients;
import dev.telephony.testsupport.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CLI clients that cannot do OAuth keep working with a static token beside it: the MCP
 * Inspector's CLI and the mcp-remote bridge with a header, as the README tells people to
 * use them, against a gateway that takes OAuth tokens and lets no one in without a token.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticTokenClientsTests {

	private static final String INSPECTOR = "@modelcontextprotocol/inspector@2.12.0";

	private static final String MCP_REMOTE = "mcp-remote@0.15.1";

	private static final String TOKEN = "cli-3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d";

	private LocalStack stack;

	private String url;

	@BeforeAll
	void start() {
		ExternalTools.require("npx");
		this.stack = new LocalStack(EmbeddedKafkaCondition.getBroker().getBrokersAsString());
		int port = FreePorts.next();
		this.url = "http://127.0.0.1:" + port + "/mcp";
		// The issuer is never asked: only static tokens arrive here.
		this.stack.startGateway("--server.port=" + port, "--telephony.gateway.oauth.issuer=http://127.0.0.1:9",
				"--telephony.gateway.oauth.resource=" + this.url,
				"--telephony.gateway.auth.anonymous-on-loopback=false",
				"--telephony.gateway.auth.tokens.cli=" + Clients.sha256(TOKEN));
	}

	@AfterAll
	void stop() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void theInspectorCliListsTheToolsWithAHeaderAndIsRefusedWithout() throws Exception {
		Run with = run(List.of("npx", "-y", INSPECTOR, "--cli", this.url, "--transport", "http", "--method",
				"tools/list", "--header", "Authorization: Bearer " + TOKEN));
		assertThat(with.exit()).as(with.output()).isZero();
		assertThat(with.output()).contains("\"send_sms\"", "\"voice_call\"");

		Run without = run(
				List.of("npx", "-y", INSPECTOR, "--cli", this.url, "--transport", "http", "--method", "tools/list"));
		assertThat(without.exit()).as(without.output()).isNotZero();
		assertThat(without.output()).doesNotContain("\"send_sms\"");
	}

	@Test
	void mcpRemoteBridgesStdioWithAHeader() throws Exception {
		Process bridge = new ProcessBuilder("npx", "-y", MCP_REMOTE, this.url, "--transport", "http-only", "--header",
				"Authorization:Bearer " + TOKEN)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			OutputStream in = bridge.getOutputStream();
			BufferedReader out = new BufferedReader(
					new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8));
			send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
					+ "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"stdio-test\",\"version\":\"1\"}}}");
			assertThat(response(out, "\"id\":1")).contains("telephony-gateway");
			send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
			send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
			assertThat(response(out, "\"id\":2")).contains("\"send_sms\"", "\"check_call_status\"");
		}
		finally {
			bridge.destroy();
			if (!bridge.waitFor(10, TimeUnit.SECONDS)) {
				bridge.destroyForcibly();
			}
		}
	}

	private static void send(OutputStream in, String message) throws IOException {
		in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
		in.flush();
	}

	/**
	 * The first JSON-RPC line on stdout that answers {@code id}, within three minutes.
	 */
	private static String response(BufferedReader out, String id) throws Exception {
		List<String> seen = new ArrayList<>();
		return CompletableFuture.supplyAsync(() -> {
			try {
				for (String line = out.readLine(); line != null; line = out.readLine()) {
					seen.add(line);
					if (line.contains(id) && line.contains("\"result\"")) {
						return line;
					}
				}
				throw new AssertionError("mcp-remote ended without answering " + id + ": " + seen);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}).get(3, TimeUnit.MINUTES);
	}

	private static Run run(List<String> command) throws Exception {
		Path log = Files.createTempFile("cli-client", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		boolean finished = process.waitFor(3, TimeUnit.MINUTES);
		if (!finished) {
			process.destroyForcibly();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(finished).as(String.join(" ", command) + " finished:\n" + output).isTrue();
		return new Run(process.exitValue(), output);
	}

	private record Run(int exit, String output) {
	}

}
