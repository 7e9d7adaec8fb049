package dev.telephony.gateway.mcp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import dev.telephony.gateway.McpGatewayApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a request to /mcp can go wrong, over real HTTP: each answer is a JSON-RPC
 * error object that says what to do, with no Java internals in it, and valid clients see
 * no change.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpErrorResponsesTests {

	private static final String TOKEN = "hygiene-4b8e1d0c9a7f6e5d4c3b2a1f0e9d8c7b";

	private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext gateway;

	private URI endpoint;

	@BeforeAll
	void start() {
		this.gateway = McpGatewayApplication.builder()
			.run("--server.port=0",
					"--spring.kafka.bootstrap-servers=" + EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
					"--telephony.gateway.auth.plain-tokens=hygiene=" + TOKEN);
		this.endpoint = URI.create(
				"http://127.0.0.1:" + this.gateway.getEnvironment().getRequiredProperty("local.server.port") + "/mcp");
	}

	@AfterAll
	void stop() {
		this.gateway.close();
	}

	@Test
	void aBodyOverTheLimitIsRefusedWith413() throws Exception {
		String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"pad\":\""
				+ "x".repeat(10 * 1024 * 1024) + "\"}}";
		JsonNode error = jsonRpcError(send(post(huge)), 413, -32013);
		assertThat(error.path("message").asString()).contains("at most 262144 bytes");
	}

	@Test
	void aBodyJustUnderTheLimitIsNotRefusedForItsSize() throws Exception {
		String padded = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"pad\":\""
				+ "x".repeat(200 * 1024) + "\"}}";
		// No session, so the transport refuses it, but for that and not for its size.
		jsonRpcError(send(post(padded)), 400, -32600);
	}

	@Test
	void aNonJsonPostIsRefusedWith415() throws Exception {
		HttpResponse<String> response = send(
				authorized(HttpRequest.newBuilder(this.endpoint)).header("Content-Type", "text/plain")
					.header("Accept", "application/json, text/event-stream")
					.POST(BodyPublishers.ofString(TOOLS_LIST)));
		JsonNode error = jsonRpcError(response, 415, -32015);
		assertThat(error.path("message").asString()).contains("'text/plain'").contains("application/json");
		assertThat(response.headers().firstValue("Connection")).as("the body was left unread").hasValue("close");
	}

	@Test
	void aRequestWithoutASessionIsToldToInitializeAndKeepsItsId() throws Exception {
		HttpResponse<String> response = send(post(TOOLS_LIST));
		JsonNode error = jsonRpcError(response, 400, -32600);
		assertThat(error.path("message").asString()).contains("Session ID")
			.contains("initialize")
			.contains("Mcp-Session-Id");
		assertThat(this.json.readTree(response.body()).path("id").asInt()).isEqualTo(7);
	}

	@Test
	void malformedJsonIsAnInvalidRequest() throws Exception {
		jsonRpcError(send(post("{\"jsonrpc\":")), 400, -32600);
	}

	@Test
	void anUnknownSessionIsToldToStartAgain() throws Exception {
		JsonNode error = jsonRpcError(send(post(TOOLS_LIST).header("Mcp-Session-Id", "no-such-session")), 404, -32004);
		assertThat(error.path("message").asString()).contains("send initialize again");
		HttpResponse<String> delete = send(
				authorized(HttpRequest.newBuilder(this.endpoint)).header("Mcp-Session-Id", "no-such-session").DELETE());
		jsonRpcError(delete, 404, -32004);
	}

	@Test
	void theEventStreamNeedsASessionAndTheRightAccept() throws Exception {
		jsonRpcError(
				send(authorized(HttpRequest.newBuilder(this.endpoint)).header("Accept", "text/event-stream").GET()),
				400, -32600);
		jsonRpcError(send(authorized(HttpRequest.newBuilder(this.endpoint)).header("Accept", "application/json").GET()),
				400, -32600);
	}

	@Test
	void anOtherMethodIsNotAllowed() throws Exception {
		HttpResponse<String> response = send(
				authorized(HttpRequest.newBuilder(this.endpoint)).header("Content-Type", "application/json")
					.PUT(BodyPublishers.ofString(TOOLS_LIST)));
		assertThat(response.statusCode()).isBetween(400, 499);
		jsonRpcError(response, response.statusCode(), JsonRpcErrors.code(response.statusCode()));
	}

	@Test
	void aForeignOriginIsRefused() throws Exception {
		JsonNode error = jsonRpcError(send(post(TOOLS_LIST).header("Origin", "https://evil.example")), 403, -32003);
		assertThat(error.path("message").asString()).isNotBlank();
	}

	@Test
	void missingAndWrongTokensAreRefusedWithJsonRpcErrors() throws Exception {
		HttpResponse<String> anonymous = send(HttpRequest.newBuilder(this.endpoint)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(BodyPublishers.ofString(TOOLS_LIST)));
		jsonRpcError(anonymous, 401, -32001);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();

		HttpResponse<String> wrong = send(HttpRequest.newBuilder(this.endpoint)
			.header("Authorization", "Bearer not-ours")
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(BodyPublishers.ofString(TOOLS_LIST)));
		jsonRpcError(wrong, 401, -32001);
	}

	@Test
	void aValidClientSeesNoChange() throws Exception {
		HttpResponse<String> initialize = send(
				post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
						+ "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"));
		assertThat(initialize.statusCode()).isEqualTo(200);
		String session = initialize.headers().firstValue("Mcp-Session-Id").orElseThrow();
		send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").header("Mcp-Session-Id", session));
		HttpResponse<String> tools = send(post(TOOLS_LIST).header("Mcp-Session-Id", session));
		assertThat(tools.statusCode()).isEqualTo(200);
		assertThat(tools.body()).contains("\"send_sms\"").doesNotContain("\"error\"");
	}

	private JsonNode jsonRpcError(HttpResponse<String> response, int status, int code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).doesNotContain("stackTrace", "className", "localizedMessage", "Exception");
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.path("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(body.has("id")).isTrue();
		assertThat(body.path("error").path("code").asInt()).isEqualTo(code);
		assertThat(body.path("error").path("message").asString()).isNotBlank();
		return body.path("error");
	}

	private HttpRequest.Builder post(String body) {
		return authorized(HttpRequest.newBuilder(this.endpoint)).header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(BodyPublishers.ofString(body));
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
		return builder.header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

}
