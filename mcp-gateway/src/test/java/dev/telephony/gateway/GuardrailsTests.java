package dev.telephony.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.telephony.gateway.auth.Clients;
import dev.telephony.schemas.AuditRecord;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.Topics;
import dev.telephony.testsupport.TopicReader;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Authentication, destination policy, quotas and the audit trail, over MCP on HTTP
 * against a real broker. No dispatcher runs: a command that passes the guards stays
 * queued, which is all these tests need to see.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardrailsTests {

	private static final String OPS_TOKEN = "ops-7f3a9c1e5b2d4f60a8e1c3b5d7f9a2c4";

	private static final String LIMITED_TOKEN = "limited-0b1c2d3e4f5a6b7c8d9e0f1a2b3c";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext gateway;

	private String url;

	private String bootstrapServers;

	@BeforeAll
	void start() {
		this.bootstrapServers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
		this.gateway = McpGatewayApplication.builder()
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=" + this.bootstrapServers,
					"--telephony.gateway.default-from=14155550100", "--telephony.gateway.max-wait=1s",
					"--telephony.gateway.auth.tokens.ops=" + Clients.sha256(OPS_TOKEN),
					"--telephony.gateway.auth.plain-tokens=limited=" + LIMITED_TOKEN,
					"--telephony.gateway.policy.deny=+4420794", "--telephony.gateway.policy.clients.limited.allow=+44",
					"--telephony.gateway.policy.clients.limited.quotas.messages-per-minute=2",
					"--telephony.gateway.policy.clients.limited.quotas.live-calls=1");
		this.url = "http://127.0.0.1:" + this.gateway.getEnvironment().getRequiredProperty("local.server.port");
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health").statusCode() == 200);
	}

	@AfterAll
	void stop() {
		this.gateway.close();
	}

	@Test
	void noTokenIsChallengedAndAWrongTokenIsRejected() throws Exception {
		HttpResponse<String> anonymous = initialize(null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		// No OAuth issuer is configured here, so there is no metadata to point to.
		assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer realm=\"telephony-gateway\", scope=\"sms:send calls:place status:read\"");

		HttpResponse<String> wrong = initialize("Bearer not-a-token-of-ours");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
		assertThat(wrong.body()).contains("not one this gateway knows");

		// A hash is what the configuration holds; it is no token.
		assertThat(initialize("Bearer " + Clients.sha256(OPS_TOKEN)).statusCode()).isEqualTo(401);

		assertThatThrownBy(() -> {
			try (McpSyncClient client = client(null)) {
				client.initialize();
			}
		}).hasStackTraceContaining("401");
	}

	@Test
	void aValidTokenGetsTheTools() throws Exception {
		assertThat(initialize("Bearer " + OPS_TOKEN).statusCode()).isEqualTo(200);
		try (McpSyncClient ops = client(OPS_TOKEN)) {
			ops.initialize();
			assertThat(ops.listTools().tools()).extracting("name").contains("send_sms", "voice_call");
		}
	}

	@Test
	void premiumRateNumbersAreRefusedWithTheReasonAndNothingIsQueued() {
		try (McpSyncClient ops = client(OPS_TOKEN)) {
			ops.initialize();
			CallToolResult result = ops
				.callTool(new CallToolRequest("send_sms", Map.of("to", "+19005550123", "text", "win a prize")));

			assertThat(result.isError()).isTrue();
			assertThat(text(result)).isEqualTo("+19005550123 is a premium-rate number, which this gateway does not"
					+ " call or message (policy denies PREMIUM_RATE). Nothing was sent.");
			assertThat(result.structuredContent()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("status", "refused")
				.containsEntry("reason", "number_type_denied");
		}
		assertThat(commandsTo("19005550123")).isEmpty();
		AuditRecord audit = await().atMost(Duration.ofSeconds(10))
			.until(() -> audits("send_sms", "19005550123"), (found) -> !found.isEmpty())
			.get(0);
		assertThat(audit.requestedBy()).isEqualTo("ops");
		assertThat(audit.outcome()).isEqualTo("refused");
		assertThat(audit.commandId()).isNull();
		assertThat(audit.text()).isNull();
	}

	@Test
	void denyListAndPerClientAllowListRefuseWithTheirReasons() {
		try (McpSyncClient ops = client(OPS_TOKEN); McpSyncClient limited = client(LIMITED_TOKEN)) {
			ops.initialize();
			limited.initialize();
			CallToolResult denied = ops.callTool(new CallToolRequest("voice_call",
					Map.of("to", "+442079460123", "message", "hello", "wait_for_result", false)));
			assertThat(text(denied)).isEqualTo(
					"+442079460123 is refused by this gateway's policy (deny-list entry +4420794). Nothing was sent.");

			CallToolResult outside = limited
				.callTool(new CallToolRequest("send_sms", Map.of("to", "+14155550123", "text", "hi")));
			assertThat(text(outside)).isEqualTo(
					"+14155550123 (US) is outside the destinations this client may reach: +44. Nothing was sent.");
		}
		assertThat(commandsTo("442079460123")).isEmpty();
		assertThat(commandsTo("14155550123")).isEmpty();
	}

	@Test
	void aClientOverItsMessageQuotaIsRefusedAndOnlyWhatItMayIsQueued() {
		try (McpSyncClient limited = client(LIMITED_TOKEN)) {
			limited.initialize();
			for (int i = 0; i < 2; i++) {
				CallToolResult queued = limited
					.callTool(new CallToolRequest("send_sms", Map.of("to", "+447911123401", "text", "ping " + i)));
				assertThat(queued.isError()).as(text(queued)).isFalse();
			}
			CallToolResult third = limited
				.callTool(new CallToolRequest("send_sms", Map.of("to", "+447911123401", "text", "ping 2")));

			assertThat(third.isError()).isTrue();
			assertThat(text(third)).isEqualTo("Quota reached: 2 SMS in the last minute, and the limit is 2 per minute."
					+ " Nothing was sent; try again in a minute.");
		}
		List<Command> queued = commandsTo("447911123401");
		assertThat(queued).hasSize(2).allSatisfy((command) -> assertThat(command.requestedBy()).isEqualTo("limited"));
	}

	@Test
	void aClientWithACallInProgressMayNotStartAnotherPastItsLimit() {
		try (McpSyncClient limited = client(LIMITED_TOKEN)) {
			limited.initialize();
			CallToolResult first = limited.callTool(new CallToolRequest("voice_call",
					Map.of("to", "+447911123402", "message", "first", "wait_for_result", false)));
			assertThat(first.isError()).as(text(first)).isFalse();

			CallToolResult second = limited.callTool(new CallToolRequest("voice_call",
					Map.of("to", "+447911123403", "message", "second", "wait_for_result", false)));

			assertThat(text(second)).isEqualTo("Client 'limited' already has 1 calls in progress, the most it may have"
					+ " at once. Wait for one to end (check_call_status) or hang one up.");
		}
		assertThat(commandsTo("447911123402")).hasSize(1);
		assertThat(commandsTo("447911123403")).isEmpty();
	}

	@Test
	void aClientSeesAndEndsOnlyItsOwnCalls() {
		try (McpSyncClient ops = client(OPS_TOKEN); McpSyncClient limited = client(LIMITED_TOKEN)) {
			ops.initialize();
			limited.initialize();
			CallToolResult placed = ops.callTool(new CallToolRequest("voice_call",
					Map.of("to", "+447911123499", "message", "private", "wait_for_result", false)));
			String commandId = ((Map<?, ?>) placed.structuredContent()).get("command_id").toString();

			assertThat(text(ops.callTool(new CallToolRequest("check_call_status", Map.of("call_uuid", commandId)))))
				.contains("+447911123499");
			assertThat(text(limited.callTool(new CallToolRequest("check_call_status", Map.of("call_uuid", commandId)))))
				.startsWith("No call or message with id " + commandId + " is known here.");
			assertThat(text(limited.callTool(new CallToolRequest("check_call_status", Map.of()))))
				.doesNotContain("447911123499");
			CallToolResult hangup = limited
				.callTool(new CallToolRequest("hangup_call", Map.of("call_uuid", commandId)));
			assertThat(hangup.isError()).isTrue();
			assertThat(text(hangup))
				.isEqualTo("Call " + commandId + " was placed by another client; only that client may hang it up.");
		}
	}

	@Test
	void hangingUpACallThisGatewayDoesNotKnowIsRefusedAndNothingIsQueued() {
		String unknown = UUID.randomUUID().toString();
		try (McpSyncClient ops = client(OPS_TOKEN)) {
			ops.initialize();
			CallToolResult result = ops.callTool(new CallToolRequest("hangup_call", Map.of("call_uuid", unknown)));

			assertThat(result.isError()).isTrue();
			assertThat(text(result)).isEqualTo("Call " + unknown + " is not one this gateway knows: it acts only on"
					+ " the calls it placed or saw come in. Nothing was sent. Call check_call_status without"
					+ " call_uuid to list your calls and their call_uuid.");
			assertThat(result.structuredContent()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("status", "refused")
				.containsEntry("reason", "unknown_call");
		}
		assertThat(read(Topics.COMMANDS)).noneMatch((value) -> value.contains(unknown));
		AuditRecord audit = await().atMost(Duration.ofSeconds(10))
			.until(() -> read(Topics.AUDIT).stream()
				.map((value) -> this.json.readValue(value, AuditRecord.class))
				.filter((found) -> "hangup_call".equals(found.tool()) && found.reason() != null
						&& found.reason().contains(unknown))
				.toList(), (found) -> !found.isEmpty())
			.get(0);
		assertThat(audit.requestedBy()).isEqualTo("ops");
		assertThat(audit.outcome()).isEqualTo("refused");
		assertThat(audit.commandId()).isNull();
	}

	private McpSyncClient client(String token) {
		HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport.builder(this.url)
			.endpoint("/mcp");
		if (token != null) {
			transport.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token));
		}
		return McpClient.sync(transport.build()).requestTimeout(Duration.ofSeconds(20)).build();
	}

	private HttpResponse<String> initialize(String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url + "/mcp"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
					"capabilities":{},"clientInfo":{"name":"auth-test","version":"1"}}}"""));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.url + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private List<Command> commandsTo(String digits) {
		return read(Topics.COMMANDS).stream()
			.map((value) -> this.json.readValue(value, Command.class))
			.filter((command) -> digits.equals(command.to()))
			.toList();
	}

	private List<AuditRecord> audits(String tool, String destination) {
		return read(Topics.AUDIT).stream()
			.map((value) -> this.json.readValue(value, AuditRecord.class))
			.filter((audit) -> tool.equals(audit.tool()) && destination.equals(audit.destination()))
			.toList();
	}

	private List<String> read(String topic) {
		return TopicReader.allStrings(this.bootstrapServers, topic).stream().map(ConsumerRecord::value).toList();
	}

	private static String text(CallToolResult result) {
		return result.content()
			.stream()
			.filter(TextContent.class::isInstance)
			.map((content) -> ((TextContent) content).text())
			.collect(Collectors.joining("\n"));
	}

}
