package dev.telephony.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversation calls through MCP clients, on the real broker, against the sandbox's
 * scripted callees: the gateway places the call, ingest holds the line between turns, the
 * dispatcher sends each turn as a transfer, and the transcript comes back from the view.
 * Scripted time runs twenty times faster than life; the idle limit is real time.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationCallsTests {

	private static final String ALICE = "alice-token-0123456789abcdef";

	private static final String BOB = "bob-token-0123456789abcdef01";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private LocalStack stack;

	private int otherGateway;

	private int idleGateway;

	private McpSyncClient alice;

	private McpSyncClient aliceElsewhere;

	private McpSyncClient bob;

	@BeforeAll
	void start() {
		this.stack = new LocalStack(EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
				"--telephony.gateway.auth.plain-tokens=alice=" + ALICE + ",bob=" + BOB);
		this.otherGateway = this.stack.startGateway();
		this.idleGateway = this.stack.startGateway("--telephony.gateway.conversation.idle-limit=5s");
		this.alice = client(this.stack.gatewayPort, ALICE);
		this.aliceElsewhere = client(this.otherGateway, ALICE);
		this.bob = client(this.otherGateway, BOB);
	}

	@AfterAll
	void stop() {
		for (McpSyncClient client : new McpSyncClient[] { this.alice, this.aliceElsewhere, this.bob }) {
			if (client != null) {
				client.closeGracefully();
			}
		}
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void aFourTurnBookingKeepsItsTranscriptWordForWord() throws Exception {
		putScenario("14155550161", """
				{"voice":{"outcome":"answer","after_ms":300,"turns":[
				  {"say":"Luigi's, how can I help?"},
				  {"say":"Sure, for how many people?"},
				  {"say":"Four at eight works. What name?"},
				  {"say":"Lovelace, got it. See you tonight."}]}}""");

		CallToolResult opened = call(this.alice, "voice_call_with_input", "to", "+14155550161", "prompt_message",
				"Hello, I would like to book a table for tonight.", "keep_open", true);
		assertThat(text(opened)).startsWith("The callee answered: \"Luigi's, how can I help?\"");
		String callUuid = (String) facts(opened).get("call_uuid");

		assertThat(text(call(this.alice, "continue_call", "call_uuid", callUuid, "message",
				"A table for tonight at eight, please.")))
			.contains("\"Sure, for how many people?\"");
		assertThat(text(call(this.alice, "continue_call", "call_uuid", callUuid, "message", "Four people.")))
			.contains("\"Four at eight works. What name?\"");
		assertThat(text(call(this.alice, "continue_call", "call_uuid", callUuid, "message", "Lovelace.")))
			.contains("\"Lovelace, got it. See you tonight.\"");
		CallToolResult ended = call(this.alice, "end_call", "call_uuid", callUuid, "message", "Thank you, goodbye!");

		assertThat(ended.isError()).as(text(ended)).isFalse();
		assertThat(facts(ended)).containsEntry("ended_by", "model").containsKey("duration_seconds");
		String transcript = """
				Transcript:
				  Gateway: "Hello, I would like to book a table for tonight."
				  Callee: "Luigi's, how can I help?" (confidence 0.9)
				  Gateway: "A table for tonight at eight, please."
				  Callee: "Sure, for how many people?" (confidence 0.9)
				  Gateway: "Four people."
				  Callee: "Four at eight works. What name?" (confidence 0.9)
				  Gateway: "Lovelace."
				  Callee: "Lovelace, got it. See you tonight." (confidence 0.9)
				  Gateway: "Thank you, goodbye!\"""";
		assertThat(text(ended)).endsWith(transcript);
		// Any instance tells the same story, from Kafka alone.
		assertThat(text(call(this.aliceElsewhere, "check_call_status", "call_uuid", callUuid))).endsWith(transcript);
		assertThat(spokenOnTheCall(callUuid)).containsExactly("Hello, I would like to book a table for tonight.",
				"A table for tonight at eight, please.", "Four people.", "Lovelace.", "Thank you, goodbye!");
	}

	@Test
	void whatTheCalleeSaysDuringTheHoldReachesTheNextTurn() throws Exception {
		putScenario("14155550162", """
				{"voice":{"outcome":"answer","after_ms":300,"turns":[
				  {"say":"Hello, who is this?","during_hold":"Hello? Are you still there?"},
				  {"say":"Oh, all right then."}]}}""");
		CallToolResult opened = call(this.alice, "voice_call_with_input", "to", "+14155550162", "prompt_message",
				"Hi, this is the dentist's office.", "keep_open", true);
		String callUuid = (String) facts(opened).get("call_uuid");
		// The model thinks until the hold has heard the callee.
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> text(call(this.alice, "check_call_status", "call_uuid", callUuid))
				.contains("Callee (while held): \"Hello? Are you still there?\""));

		CallToolResult next = call(this.alice, "continue_call", "call_uuid", callUuid, "message",
				"Sorry, yes. Your appointment is tomorrow at ten.");

		assertThat(text(next)).startsWith("While you were thinking, the callee said: \"Hello? Are you still there?\"")
			.contains("The callee answered: \"Oh, all right then.\"");
		call(this.alice, "end_call", "call_uuid", callUuid);
	}

	@Test
	void aCalleeWhoHangsUpMidCallIsReportedByTheNextTurn() throws Exception {
		putScenario("14155550163", """
				{"voice":{"outcome":"answer","after_ms":300,"turns":[{"say":"Who is calling?"},{"hangup":true}]}}""");
		CallToolResult opened = call(this.alice, "voice_call_with_input", "to", "+14155550163", "prompt_message",
				"Hello, this is an automated survey.", "keep_open", true);
		String callUuid = (String) facts(opened).get("call_uuid");

		CallToolResult hungUp = call(this.alice, "continue_call", "call_uuid", callUuid, "message",
				"It takes only two minutes.");

		assertThat(hungUp.isError()).isTrue();
		assertThat(text(hungUp)).contains("has ended (the callee hung up)");
		assertThat(facts(hungUp)).containsEntry("ended_by", "callee");
		CallToolResult again = call(this.alice, "continue_call", "call_uuid", callUuid, "message", "Hello?");
		assertThat(again.isError()).isTrue();
		assertThat(text(again)).contains("the callee hung up");
	}

	@Test
	void aHoldWithoutAModelTurnEndsPolitelyAtTheIdleLimit() throws Exception {
		putScenario("14155550164", """
				{"voice":{"outcome":"answer","after_ms":300,"turns":[{"say":"Yes?"}]}}""");
		try (McpSyncClient idle = client(this.idleGateway, ALICE)) {
			CallToolResult opened = call(idle, "voice_call_with_input", "to", "+14155550164", "prompt_message",
					"Hello, one question for you.", "keep_open", true);
			String callUuid = (String) facts(opened).get("call_uuid");

			// No turn comes: ingest says goodbye once the hold has lasted 5 s.
			CallToolResult status = Awaitility.await()
				.atMost(Duration.ofSeconds(40))
				.until(() -> call(idle, "check_call_status", "call_uuid", callUuid, "wait_seconds", 5),
						(result) -> Boolean.TRUE.equals(facts(result).get("ended")));

			assertThat(facts(status)).containsEntry("ended_by", "idle_limit")
				.containsEntry("end_reason", "no model turn for the idle limit of 5 s");
			assertThat(text(status)).contains("Gateway: \"Sorry, I have not been able to get back to you in time");
			assertThat(spokenOnTheCall(callUuid)).last()
				.asString()
				.startsWith("Sorry, I have not been able to get back to you in time");
		}
	}

	@Test
	void aTurnIsServedByAnotherGatewayAndRefusedToAnotherClient() throws Exception {
		putScenario("14155550165", """
				{"voice":{"outcome":"answer","after_ms":300,"turns":[{"say":"Speaking."},{"say":"Yes, it is."}]}}""");
		CallToolResult opened = call(this.alice, "voice_call_with_input", "to", "+14155550165", "prompt_message",
				"Hello, is this the florist?", "keep_open", true);
		String callUuid = (String) facts(opened).get("call_uuid");

		CallToolResult refused = call(this.bob, "continue_call", "call_uuid", callUuid, "message", "Hi!");
		CallToolResult elsewhere = call(this.aliceElsewhere, "continue_call", "call_uuid", callUuid, "message",
				"Is the shop open on Sunday?");

		assertThat(refused.isError()).isTrue();
		assertThat(text(refused)).contains("placed by another client");
		assertThat(text(elsewhere)).contains("The callee answered: \"Yes, it is.\"");
		assertThat(spokenOnTheCall(callUuid)).doesNotContain("Hi!");
		call(this.aliceElsewhere, "end_call", "call_uuid", callUuid);
	}

	@Test
	void aVoicemailIsLeftAfterTheBeep() throws Exception {
		putScenario("14155550166", """
				{"voice":{"outcome":"answer","after_ms":300,"machine":{"beep_after_ms":2000}}}""");

		CallToolResult result = call(this.alice, "voice_call", "to", "+14155550166", "message",
				"Hello, this is the clinic: your results are ready.", "answering_machine", "voicemail",
				"wait_for_result", true);

		assertThat(result.isError()).as(text(result)).isFalse();
		assertThat(text(result)).startsWith(
				"An answering machine picked up at +14155550166; the message was left as a voicemail after the beep");
		assertThat(facts(result)).containsEntry("answered_by", "machine").containsEntry("voicemail_left", true);
		JsonNode voicemails = journal("kind=voicemail&call_uuid=" + facts(result).get("call_uuid"));
		assertThat(voicemails.path("entries").valueStream().map((entry) -> entry.path("text").asString()))
			.containsExactly("Hello, this is the clinic: your results are ready.");
	}

	@Test
	void aConversationThatReachesAMachineLeavesItsPromptAndGoodbyeAsAVoicemail() throws Exception {
		putScenario("14155550167", """
				{"voice":{"outcome":"answer","after_ms":300,"machine":{"beep_after_ms":2000}}}""");

		CallToolResult opened = call(this.alice, "voice_call_with_input", "to", "+14155550167", "prompt_message",
				"Hello, this is Luigi's about your booking tonight.", "keep_open", true, "answering_machine",
				"voicemail");

		assertThat(opened.isError()).as(text(opened)).isFalse();
		assertThat(facts(opened)).containsEntry("status", "voicemail").containsEntry("answered_by", "machine");
		String callUuid = (String) facts(opened).get("call_uuid");
		CallToolResult ended = call(this.alice, "end_call", "call_uuid", callUuid, "message",
				"Please call us back to confirm.");
		assertThat(ended.isError()).as(text(ended)).isFalse();
		JsonNode voicemails = journal("kind=voicemail&call_uuid=" + callUuid);
		assertThat(voicemails.path("entries").valueStream().map((entry) -> entry.path("text").asString()))
			.containsExactly("Hello, this is Luigi's about your booking tonight.", "Please call us back to confirm.");
	}

	/** What the callee heard, in order: every talk the sandbox played on the call. */
	private List<String> spokenOnTheCall(String callUuid) throws Exception {
		JsonNode entries = journal("kind=talk&call_uuid=" + callUuid).path("entries");
		return entries.valueStream().map((entry) -> entry.path("text").asString()).toList();
	}

	private JsonNode journal(String query) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.stack.sandboxUrl() + "/_sandbox/journal?" + query)).build(),
				HttpResponse.BodyHandlers.ofString());
		return this.json.readTree(response.body());
	}

	private void putScenario(String number, String scenario) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(this.stack.sandboxUrl() + "/_sandbox/scenarios/" + number))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString(scenario))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
	}

	private static CallToolResult call(McpSyncClient client, String tool, Object... keysAndValues) {
		Map<String, Object> arguments = new HashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			arguments.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return client.callTool(new CallToolRequest(tool, arguments));
	}

	private static McpSyncClient client(int port, String token) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
			.builder("http://127.0.0.1:" + port)
			.endpoint("/mcp")
			.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
			.build();
		McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(90)).build();
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
