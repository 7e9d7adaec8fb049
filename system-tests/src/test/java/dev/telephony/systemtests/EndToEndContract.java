package dev.telephony.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.telephony.schemas.CommandExpired;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.MessageStatusChanged;
import dev.telephony.schemas.SendSms;
import dev.telephony.schemas.Topics;
import dev.telephony.testsupport.TopicReader;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The services end to end: an MCP client calls the gateway, the command crosses Kafka to
 * the dispatcher, the sandbox accepts the SMS and reports it delivered by webhook to
 * ingest, and the event lands on the events topic. Subclasses choose the Kafka broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndContract {

	private static final JsonMapper json = JsonMapper.builder().build();

	private LocalStack stack;

	private McpSyncClient mcp;

	private final HttpClient http = HttpClient.newHttpClient();

	private String bootstrapServers;

	/** The broker's address; asked once, before the tests. */
	abstract String bootstrapServers();

	@BeforeAll
	void startStack() {
		this.bootstrapServers = bootstrapServers();
		this.stack = new LocalStack(this.bootstrapServers);
		this.mcp = McpClient
			.sync(HttpClientStreamableHttpTransport.builder(this.stack.gatewayUrl()).endpoint("/mcp").build())
			.requestTimeout(Duration.ofSeconds(60))
			.build();
		this.mcp.initialize();
	}

	@AfterAll
	void stopStack() {
		if (this.mcp != null) {
			this.mcp.closeGracefully();
		}
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void serverNamesItselfAndItsBuild() {
		assertThat(this.mcp.getServerInfo().name()).isEqualTo("telephony-gateway");
		assertThat(this.mcp.getServerInfo().version()).matches("\\d+\\.\\d+\\.\\d+.*");
	}

	@Test
	void listsSendSmsWithTheOriginalParameterNames() {
		Tool sendSms = this.mcp.listTools()
			.tools()
			.stream()
			.filter((tool) -> tool.name().equals("send_sms"))
			.findFirst()
			.orElseThrow();
		JsonNode schema = json.valueToTree(sendSms.inputSchema());
		assertThat(schema.path("properties").propertyNames()).containsExactlyInAnyOrder("to", "text", "from_");
		List<String> required = new ArrayList<>();
		schema.path("required").forEach((name) -> required.add(name.asString()));
		assertThat(required).containsExactlyInAnyOrder("to", "text");
	}

	@Test
	void sendSmsIsAcceptedSentOnceAndReportedDelivered() throws Exception {
		CallToolResult result = callSendSms(Map.of("to", "+44 7911 123456", "text", "Your table is booked for 8 pm."));

		assertThat(result.isError()).as(text(result)).isFalse();
		Map<?, ?> facts = (Map<?, ?>) result.structuredContent();
		assertThat(facts.get("status")).isEqualTo("accepted");
		assertThat(facts.get("to")).isEqualTo("+447911123456");
		assertThat(facts.get("from")).isEqualTo(LocalStack.VONAGE_NUMBER);
		String commandId = (String) facts.get("command_id");
		String messageUuid = (String) facts.get("message_uuid");
		assertThat(UUID.fromString(messageUuid)).isNotNull();
		assertThat(text(result)).contains(messageUuid);

		JsonNode requests = journalRequests(commandId);
		assertThat(requests).hasSize(1);
		assertThat(requests.get(0).path("to").asString()).isEqualTo("447911123456");
		assertThat(requests.get(0).path("message_uuid").asString()).isEqualTo(messageUuid);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(eventsOf(UUID.fromString(commandId))).anySatisfy(
					(event) -> assertThat(event).isInstanceOfSatisfying(MessageStatusChanged.class, (status) -> {
						assertThat(status.status()).isEqualTo("delivered");
						assertThat(status.messageUuid()).isEqualTo(messageUuid);
					})));
	}

	@Test
	void invalidNumberIsRefusedWithAReasonAndNothingIsPublished() {
		long commandsBefore = commandCount();
		CallToolResult result = callSendSms(Map.of("to", "+44 12", "text", "hello"));

		assertThat(result.isError()).isTrue();
		assertThat(text(result)).contains("'to'").contains("+44 12");
		assertThat(commandCount()).isEqualTo(commandsBefore);
	}

	@Test
	void emptyTextIsRefusedWithAReasonAndNothingIsPublished() {
		long commandsBefore = commandCount();
		CallToolResult result = callSendSms(Map.of("to", "+447911123456", "text", "   "));

		assertThat(result.isError()).isTrue();
		assertThat(text(result)).contains("'text' must not be empty");
		assertThat(commandCount()).isEqualTo(commandsBefore);
	}

	@Test
	void requestWithForeignHostHeaderIsRefused() throws IOException {
		// A browser tricked by DNS rebinding sends the attacker's host name; the JDK
		// client will not
		// forge a Host header, so write the request by hand.
		String body = """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
				"capabilities":{},"clientInfo":{"name":"rebinding","version":"1"}}}""";
		String request = "POST /mcp HTTP/1.1\r\nHost: evil.example:" + this.stack.gatewayPort
				+ "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
				+ "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
				+ body;
		try (Socket socket = new Socket("127.0.0.1", this.stack.gatewayPort)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
			assertThat(statusLine).isEqualTo("HTTP/1.1 421");
		}
	}

	@Test
	void poisonCommandGoesToTheDeadLetterTopicAndTheDispatcherCarriesOn() {
		byte[] poison = "{\"type\":\"send-sms\",\"to\":".getBytes(StandardCharsets.UTF_8);
		send(Topics.COMMANDS, "poison-" + UUID.randomUUID(), poison);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(values(Topics.COMMANDS_DEAD_LETTER))
				.anySatisfy((deadLetter) -> assertThat(deadLetter).isEqualTo(poison)));
		CallToolResult after = callSendSms(Map.of("to", "+14155550123", "text", "still working?"));
		assertThat(after.isError()).as(text(after)).isFalse();
	}

	@Test
	void expiredCommandIsReportedAndNeverSentToVonage() throws Exception {
		UUID commandId = UUID.randomUUID();
		Instant past = Instant.now().minusSeconds(60);
		SendSms stale = new SendSms(commandId, past, past.plusSeconds(30), "system-test", "14155550123",
				LocalStack.VONAGE_NUMBER, "too late");
		send(Topics.COMMANDS, stale.recordKey(), json.writeValueAsBytes(stale));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(eventsOf(commandId))
				.anySatisfy((event) -> assertThat(event).isInstanceOf(CommandExpired.class)));
		assertThat(journalRequests(commandId.toString())).isEmpty();
	}

	private void send(String topic, String key, byte[] value) {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not produce to " + topic, ex);
		}
	}

	private List<byte[]> values(String topic) {
		List<byte[]> values = new ArrayList<>();
		readAll(topic, (record) -> values.add(record.value()));
		return values;
	}

	private void readAll(String topic, Consumer<ConsumerRecord<String, byte[]>> action) {
		TopicReader.allBytes(this.bootstrapServers, topic).forEach(action);
	}

	private CallToolResult callSendSms(Map<String, Object> arguments) {
		return this.mcp.callTool(new CallToolRequest("send_sms", arguments));
	}

	private static String text(CallToolResult result) {
		return result.content()
			.stream()
			.filter(TextContent.class::isInstance)
			.map((content) -> ((TextContent) content).text())
			.collect(Collectors.joining("\n"));
	}

	private JsonNode journalRequests(String clientRef) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create(this.stack.sandboxUrl() + "/_sandbox/journal?client_ref=" + clientRef))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		List<JsonNode> requests = new ArrayList<>();
		json.readTree(response.body()).path("entries").forEach((entry) -> {
			if ("request".equals(entry.path("kind").asString())) {
				requests.add(entry);
			}
		});
		return json.valueToTree(requests);
	}

	private List<Event> eventsOf(UUID commandId) {
		List<Event> events = new ArrayList<>();
		readAll(Topics.EVENTS, (record) -> {
			Event event = json.readValue(record.value(), Event.class);
			if (commandId.equals(event.commandId())) {
				events.add(event);
			}
		});
		return events;
	}

	private long commandCount() {
		try (TopicReader<byte[]> commands = TopicReader.bytes(this.bootstrapServers, Topics.COMMANDS)) {
			return commands.written();
		}
	}

}
