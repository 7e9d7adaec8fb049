package dev.telephony.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import dev.telephony.testsupport.ExternalTools;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.Topics;
import dev.telephony.testsupport.FreePorts;
import dev.telephony.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Adding the gateway by URL as Claude's connectors do, driven by the MCP TypeScript SDK's
 * own OAuth client against the bundled authorization server and a gateway that lets no
 * one in without a token: discovery from the 401, registration, PKCE with resource,
 * sign-in and consent, code for token, tools and an SMS that reaches the sandbox, and a
 * rotating refresh.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
class ConnectorFlowTests {

	private static final String USER = "alice";

	private static final String PASSWORD = "correct horse battery staple";

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void theTypeScriptSdkConnectsThroughTheWholeOAuthFlow(@TempDir Path authData) throws Exception {
		ExternalTools.require("node");
		ExternalTools.require("npm");
		NodeClient client = NodeClient.install("connector-flow.mjs");
		String bootstrapServers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
		int gatewayPort = FreePorts.next();
		String resource = "http://127.0.0.1:" + gatewayPort + "/mcp";
		try (LocalStack stack = new LocalStack(bootstrapServers);
				AuthServerProcess auth = AuthServerProcess.start(authData, USER, PASSWORD, resource)) {
			stack.startGateway("--server.port=" + gatewayPort, "--telephony.gateway.oauth.issuer=" + auth.url(),
					"--telephony.gateway.oauth.resource=" + resource,
					"--telephony.gateway.auth.anonymous-on-loopback=false");

			List<String> lines = client.run("connector-flow.mjs", resource, USER, PASSWORD, "+14155550190");
			JsonNode result = this.json.readTree(lines.get(lines.size() - 1)).path("result");
			assertThat(result.isObject()).as(String.join("\n", lines)).isTrue();

			List<String> exchanges = StreamSupport.stream(result.path("exchanges").spliterator(), false)
				.map((e) -> e.path("method").asString() + " "
						+ e.path("url")
							.asString()
							.replace(auth.url(), "AS")
							.replace("http://127.0.0.1:" + gatewayPort, "GW")
						+ " " + e.path("status").asInt())
				.toList();
			assertThat(exchanges).as(String.join("\n", lines))
				.containsSubsequence("POST GW/mcp 401", "GET GW/.well-known/oauth-protected-resource/mcp 200",
						"GET AS/.well-known/oauth-authorization-server 200", "POST AS/oauth2/register 201",
						"POST AS/oauth2/token 200", "POST GW/mcp 200");
			assertThat(lines).anySatisfy((line) -> assertThat(line).contains("\"step\":\"authorize\"")
				.contains("\"pkce\":\"S256\"")
				.contains("\"resource\":\"" + resource + "\""));
			assertThat(lines).anySatisfy((line) -> assertThat(line).contains("\"step\":\"consent\"")
				.contains("sms:send")
				.contains("calls:place")
				.contains("status:read"));

			assertThat(result.path("tools").valueStream().map(JsonNode::asString)).contains("send_sms", "voice_call",
					"check_call_status");
			assertThat(result.path("sms").path("isError").asBoolean()).isFalse();
			Command sent = await().atMost(Duration.ofSeconds(20))
				.until(() -> commandsTo(bootstrapServers, "14155550190"), (found) -> !found.isEmpty())
				.get(0);
			assertThat(sent.requestedBy()).isEqualTo(USER);
			HttpResponse<String> journal = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create(stack.sandboxUrl() + "/_sandbox/journal?client_ref=" + sent.commandId()))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(this.json.readTree(journal.body()).path("entries").valueStream())
				.anySatisfy((entry) -> assertThat(entry.path("kind").asString()).isEqualTo("request"));

			JsonNode refresh = result.path("refresh");
			assertThat(refresh.path("result").asString()).isEqualTo("AUTHORIZED");
			assertThat(refresh.path("newAccessToken").asBoolean()).isTrue();
			assertThat(refresh.path("newRefreshToken").asBoolean()).isTrue();
			assertThat(refresh.path("toolsAfterRefresh").asInt()).isEqualTo(result.path("tools").size());
			assertThat(refresh.path("reuseStatus").asInt()).isEqualTo(400);
			assertThat(refresh.path("reuseError").asString()).isEqualTo("invalid_grant");
		}
	}

	private List<Command> commandsTo(String bootstrapServers, String digits) {
		return TopicReader.allStrings(bootstrapServers, Topics.COMMANDS)
			.stream()
			.map(ConsumerRecord::value)
			.map((value) -> this.json.readValue(value, Command.class))
			.filter((command) -> digits.equals(command.to()))
			.toList();
	}

}
