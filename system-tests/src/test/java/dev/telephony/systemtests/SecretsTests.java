package dev.telephony.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret and no message body reaches a log line, an actuator endpoint or a tool
 * result, across start-up and a full send_sms and voice_call run. Every service logs at
 * INFO and our own code at DEBUG, so what an operator turns on to investigate is covered
 * too.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@ExtendWith(OutputCaptureExtension.class)
class SecretsTests {

	private static final String API_SECRET = "api-secret-4c1d9e7a2b";

	private static final String MCP_TOKEN = "mcp-token-b8f2e61c0d9a4753";

	private static final String SMS_TEXT = "Confidential: door code 48213";

	private static final String CALL_TEXT = "Your prescription is ready at counter nine";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void noSecretOrMessageBodyIsLoggedOrServed(CapturedOutput output) throws Exception {
		List<String> urls = new ArrayList<>();
		String privateKey;
		try (LocalStack stack = new LocalStack(EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
				"--logging.level.root=INFO", "--logging.level.dev.telephony=DEBUG",
				"--sandbox.api-secret=" + API_SECRET)) {
			privateKey = stack.privateKeyPem;
			int gateway = stack.startGateway("--telephony.gateway.auth.plain-tokens=desktop=" + MCP_TOKEN);
			try (McpSyncClient mcp = McpClient
				.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + gateway)
					.endpoint("/mcp")
					.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + MCP_TOKEN))
					.build())
				.requestTimeout(Duration.ofSeconds(60))
				.build()) {
				mcp.initialize();
				CallToolResult sms = mcp
					.callTool(new CallToolRequest("send_sms", Map.of("to", "+447911123456", "text", SMS_TEXT)));
				assertThat(sms.isError()).as(sms.toString()).isFalse();
				CallToolResult call = mcp.callTool(new CallToolRequest("voice_call",
						Map.of("to", "+14155550111", "message", CALL_TEXT, "wait_for_result", true)));
				assertThat(call.isError()).as(call.toString()).isFalse();
				assertThat(call.toString()).doesNotContain(LocalStack.SIGNATURE_SECRET, API_SECRET, MCP_TOKEN);
			}
			for (int port : new int[] { gateway, stack.ingestPort, stack.sandboxPort }) {
				urls.add("http://127.0.0.1:" + port);
			}
			for (String url : urls) {
				for (String hidden : List.of("/actuator/env", "/actuator/configprops", "/actuator/beans")) {
					assertThat(get(url + hidden).statusCode()).as(url + hidden).isEqualTo(404);
				}
				for (String shown : List.of("/actuator/health", "/actuator/info", "/actuator/prometheus")) {
					assertThat(get(url + shown).body()).as(url + shown)
						.doesNotContain(LocalStack.SIGNATURE_SECRET, API_SECRET, MCP_TOKEN);
				}
			}
		}

		String logs = output.getAll();
		// The capture saw the run: without this, an empty capture would pass.
		assertThat(logs.split("Started ForkedBooter in", -1)).as("five services started").hasSizeGreaterThan(5);
		assertThat(logs).contains("/mcp requires a bearer token");
		assertThat(logs).doesNotContain(LocalStack.SIGNATURE_SECRET, API_SECRET, MCP_TOKEN, SMS_TEXT, CALL_TEXT);
		privateKey.lines()
			.filter((line) -> !line.startsWith("-----"))
			.forEach((line) -> assertThat(logs).as("a line of the private key").doesNotContain(line));
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
