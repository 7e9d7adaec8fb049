package dev.telephony.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every tool through an MCP client, against the sandbox's scripted callees (see
 * vonage-sandbox-scenarios.yaml): 111 answers and speaks, 112 is busy, 113 does not
 * answer, 114 rejects, 115 fails, 116 stays silent; SMS to 131 gets a reply, 132 is
 * undeliverable.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelephonyToolsTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<ProgressNotification> progress = new CopyOnWriteArrayList<>();

	private LocalStack stack;

	private McpSyncClient mcp;

	@BeforeAll
	void start() {
		this.stack = new LocalStack(EmbeddedKafkaCondition.getBroker().getBrokersAsString());
		this.mcp = client(this.stack.gatewayPort);
	}

	@AfterAll
	void stop() {
		if (this.mcp != null) {
			this.mcp.closeGracefully();
		}
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void voiceCallWithInputReturnsWhatTheCalleeSaid() {
		CallToolResult result = call("voice_call_with_input", "to", "+14155550111", "prompt_message",
				"Can you come on Tuesday at ten?");

		assertThat(result.isError()).as(text(result)).isFalse();
		assertThat(text(result)).contains("Yes, Tuesday at ten works for me.").contains("0.92");
		assertThat(facts(result).get("speech")).asString().contains("confidence=0.92");
	}

	@Test
	void dtmfInputReturnsTheKeysPressed() {
		CallToolResult result = call("voice_call_with_input", "to", "+14155550111", "prompt_message",
				"Press 1 to confirm.", "input_type", "dtmf");

		assertThat(result.isError()).as(text(result)).isFalse();
		assertThat(text(result)).contains("pressed 1");
	}

	@Test
	void silenceIsReportedAsNoInputNotAsAFailure() {
		CallToolResult result = call("voice_call_with_input", "to", "+14155550116", "prompt_message", "Hello?");

		assertThat(result.isError()).as(text(result)).isFalse();
		assertThat(text(result)).contains("said nothing");
	}

	@Test
	void failedCallsSayWhyInWords() {
		assertThat(failure("+14155550112")).contains("the line was busy");
		assertThat(failure("+14155550113")).contains("nobody answered");
		assertThat(failure("+14155550114")).contains("declined");
		assertThat(failure("+14155550115")).contains("could not be routed");
	}

	@Test
	void voiceCallWaitingForTheResultReportsTheCompletedCall() {
		CallToolResult result = call("voice_call", "to", "+14155550117", "message", "Your order has shipped.",
				"wait_for_result", true);

		assertThat(result.isError()).as(text(result)).isFalse();
		assertThat(text(result)).contains("was answered");
		assertThat(facts(result)).containsEntry("status", "completed").containsEntry("answered", true);
	}

	@Test
	void aCallPlacedThroughOneGatewayIsFollowedOnAnotherAndAfterARestart() {
		int second = this.stack.startGateway();
		McpSyncClient other = client(second);
		try {
			// Instance A waits while B runs too: the webhooks still complete A's tool.
			CallToolResult placed = call("voice_call", "to", "+14155550117", "message", "Hello", "wait_for_result",
					true);
			assertThat(placed.isError()).as(text(placed)).isFalse();
			String callUuid = (String) facts(placed).get("call_uuid");
			assertCompletedHistory(other, callUuid);
			other.closeGracefully();
			this.stack.stopGateway(second);

			int restarted = this.stack.startGateway();
			McpSyncClient afterRestart = client(restarted);
			try {
				assertCompletedHistory(afterRestart, callUuid);
			}
			finally {
				afterRestart.closeGracefully();
			}
		}
		finally {
			other.closeGracefully();
			this.stack.stopGateway(second);
		}
	}

	@Test
	void aWaitShorterThanTheCallAnswersPendingAndCheckCallStatusContinuesIt() throws Exception {
		putScenario("14155550118", """
				{"voice":{"outcome":"answer","after_ms":60000,"say":"Finally.","confidence":0.8}}""");
		CallToolResult pending = call("voice_call_with_input", "to", "+14155550118", "prompt_message", "Hello?",
				"timeout_seconds", 1);

		assertThat(pending.isError()).isFalse();
		assertThat(facts(pending)).containsEntry("status", "pending");
		String callUuid = (String) facts(pending).get("call_uuid");
		CallToolResult later = call("check_call_status", "call_uuid", callUuid, "wait_seconds", 20);
		CallToolResult done = call("check_call_status", "call_uuid", callUuid, "wait_seconds", 20);
		assertThat(text(later) + text(done)).contains("answered");
	}

	@Test
	void progressNotificationsReachAClientThatAskedForThem() {
		this.progress.clear();
		Map<String, Object> arguments = Map.of("to", "+14155550111", "prompt_message", "Are you there?");
		CallToolResult result = this.mcp
			.callTool(new CallToolRequest("voice_call_with_input", arguments, Map.of("progressToken", "call-1")));

		assertThat(result.isError()).as(text(result)).isFalse();
		assertThat(this.progress).isNotEmpty()
			.allSatisfy((notification) -> assertThat(notification.progressToken()).isEqualTo("call-1"));
		assertThat(this.progress).extracting(ProgressNotification::message).contains("ringing");
	}

	@Test
	void smsWithInputReturnsTheReply() {
		CallToolResult result = call("sms_with_input", "to", "+14155550131", "text", "Are we still on for tonight?");

		assertThat(result.isError()).as(text(result)).isFalse();
		assertThat(text(result)).contains("Yes, see you then.");
		assertThat(facts(result)).containsEntry("status", "replied");
	}

	@Test
	void undeliverableSmsIsAnError() {
		CallToolResult result = call("sms_with_input", "to", "+14155550132", "text", "Hello?");

		assertThat(result.isError()).isTrue();
		assertThat(text(result)).contains("could not be delivered");
	}

	@Test
	void noReplyEndsPendingWithTheIdToCheckLater() {
		CallToolResult result = call("sms_with_input", "to", "+14155550139", "text", "Anyone?", "timeout_seconds", 1);

		assertThat(result.isError()).isFalse();
		assertThat(facts(result)).containsEntry("status", "pending");
		assertThat(text(result)).contains("check_call_status");
	}

	@Test
	void hangupEndsALiveCall() throws Exception {
		putScenario("14155550119", """
				{"voice":{"outcome":"answer","after_ms":100}}""");
		CallToolResult placed = call("voice_call", "to", "+14155550119", "message",
				"This is a very long message that keeps the line busy for a while. ".repeat(20));
		String callUuid = (String) facts(placed).get("call_uuid");

		CallToolResult hungUp = call("hangup_call", "call_uuid", callUuid);

		assertThat(hungUp.isError()).as(text(hungUp)).isFalse();
		CallToolResult status = call("check_call_status", "call_uuid", callUuid, "wait_seconds", 10);
		assertThat(facts(status)).containsEntry("ended", true);
	}

	@Test
	void duplicatedAndReorderedWebhooksLeaveACorrectHistory() throws Exception {
		sandbox("PUT", "/_sandbox/faults", """
				{"webhook_duplicate_ratio":1.0,"webhook_reorder_ratio":1.0}""");
		try {
			CallToolResult result = call("voice_call", "to", "+14155550117", "message", "Twice?", "wait_for_result",
					true);

			assertThat(result.isError()).as(text(result)).isFalse();
			String callUuid = (String) facts(result).get("call_uuid");
			// Late copies may still be on their way when the tool returns; the history
			// converges.
			Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				CallToolResult status = call("check_call_status", "call_uuid", callUuid);
				List<Object> statuses = ((List<?>) facts(status).get("history")).stream()
					.map((change) -> ((Map<?, ?>) change).get("status"))
					.collect(Collectors.toList());
				assertThat(statuses).containsExactly("started", "ringing", "answered", "completed");
				assertThat(facts(status)).containsEntry("status", "completed");
			});
		}
		finally {
			sandbox("DELETE", "/_sandbox/faults", null);
		}
	}

	@Test
	void checkCallStatusWithoutAnIdListsCalls() {
		call("voice_call", "to", "+14155550117", "message", "Listed?", "wait_for_result", true);

		CallToolResult list = call("check_call_status");

		assertThat(list.isError()).isFalse();
		assertThat(text(list)).contains("+14155550117");
	}

	private void assertCompletedHistory(McpSyncClient client, String callUuid) {
		CallToolResult status = client
			.callTool(new CallToolRequest("check_call_status", Map.of("call_uuid", callUuid)));
		assertThat(status.isError()).as(text(status)).isFalse();
		assertThat(facts(status).get("history")).asString()
			.contains("status=started")
			.contains("status=ringing")
			.contains("status=answered")
			.contains("status=completed");
	}

	private String failure(String to) {
		CallToolResult result = call("voice_call_with_input", "to", to, "prompt_message", "Hello?");
		assertThat(result.isError()).as(text(result)).isTrue();
		return text(result);
	}

	private CallToolResult call(String tool, Object... keysAndValues) {
		Map<String, Object> arguments = new HashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			arguments.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return this.mcp.callTool(new CallToolRequest(tool, arguments));
	}

	private void putScenario(String number, String json) throws Exception {
		sandbox("PUT", "/_sandbox/scenarios/" + number, json);
	}

	private void sandbox(String method, String path, String json) throws Exception {
		HttpRequest.BodyPublisher body = (json != null) ? HttpRequest.BodyPublishers.ofString(json)
				: HttpRequest.BodyPublishers.noBody();
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(this.stack.sandboxUrl() + path))
				.header("Content-Type", "application/json")
				.method(method, body)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
	}

	private McpSyncClient client(int port) {
		McpSyncClient client = McpClient
			.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp").build())
			.requestTimeout(Duration.ofSeconds(90))
			.progressConsumer(this.progress::add)
			.build();
		client.initialize();
		return client;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> facts(CallToolResult result) {
		return (Map<String, Object>) result.structuredContent();
	}

	private static String text(CallToolResult result) {
		return result.content()
			.stream()
			.filter(TextContent.class::isInstance)
			.map((content) -> ((TextContent) content).text())
			.collect(Collectors.joining("\n"));
	}

}
