package dev.telephony.sandbox;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.vonage.client.messages.MessageResponse;
import com.vonage.client.messages.MessageResponseException;
import com.vonage.client.messages.sms.SmsTextRequest;
import com.vonage.client.messages.whatsapp.WhatsappTextRequest;
import dev.telephony.testsupport.ApplicationKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Drives {@code POST /v1/messages} with the real Vonage Java SDK, and with raw HTTP where
 * the SDK would refuse to send the request.
 */
class MessagesApiContractTests extends SandboxTestSupport {

	private static final String SMS_JSON = """
			{"message_type":"text","channel":"sms","to":"447700900123","from":"447700900000","text":"hi"}""";

	@Test
	void sdkSendsSmsWithApplicationJwtAndJournalRecordsIt() throws Exception {
		String clientRef = uniqueRef("jwt");
		MessageResponse response = jwtClient().getMessagesClient().sendMessage(sms(clientRef).build());

		UUID messageUuid = response.getMessageUuid();
		assertThat(messageUuid).isNotNull();
		List<JsonNode> requests = journal(clientRef).stream()
			.filter((entry) -> entry.get("kind").asString().equals("request"))
			.toList();
		assertThat(requests).hasSize(1);
		JsonNode entry = requests.get(0);
		assertThat(entry.get("message_uuid").asString()).isEqualTo(messageUuid.toString());
		assertThat(entry.get("client_ref").asString()).isEqualTo(clientRef);
		assertThat(entry.get("method").asString()).isEqualTo("POST");
		assertThat(entry.get("path").asString()).isEqualTo("/v1/messages");
		assertThat(entry.get("channel").asString()).isEqualTo("sms");
		assertThat(entry.get("to").asString()).isEqualTo("447700900123");
		assertThat(entry.get("from").asString()).isEqualTo("447700900000");
		assertThat(entry.get("time").asString()).endsWith("Z");
	}

	@Test
	void acceptedMessageIsAnswered202WithRequestId() throws Exception {
		HttpResponse<String> response = post("/v1/messages", "application/json", SMS_JSON, bearer());

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.headers().firstValue("X-Request-Id")).hasValueSatisfying(this::assertUuid);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = json.readTree(response.body());
		assertThat(body.propertyNames()).containsExactly("message_uuid");
		assertUuid(body.get("message_uuid").asString());
	}

	@Test
	void sdkSendsSmsWithBasicAuth() throws Exception {
		String clientRef = uniqueRef("basic");
		MessageResponse response = basicClient(API_KEY, API_SECRET).getMessagesClient()
			.sendMessage(sms(clientRef).build());

		assertThat(response.getMessageUuid()).isNotNull();
		assertThat(journal(clientRef)).anySatisfy((entry) -> assertThat(entry.get("message_uuid").asString())
			.isEqualTo(response.getMessageUuid().toString()));
	}

	@Test
	void jwtFromAnotherPrivateKeyIsUnauthorized() throws Exception {
		String clientRef = uniqueRef("stranger");
		assertThatExceptionOfType(MessageResponseException.class)
			.isThrownBy(() -> jwtClient(APPLICATION_ID, ApplicationKeys.generate().privateKeyPem()).getMessagesClient()
				.sendMessage(sms(clientRef).build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(401);
				assertThat(ex.getTitle()).isEqualTo("Unauthorized");
				assertThat(ex.getDetail()).isEqualTo("You did not provide correct credentials.");
				assertThat(ex.getType()).hasToString("https://developer.vonage.com/api-errors#unauthorized");
				assertUuid(ex.getInstance());
			});
		assertThat(journal(clientRef)).isEmpty();
	}

	@Test
	void jwtForAnotherApplicationIsUnauthorized() {
		assertThatExceptionOfType(MessageResponseException.class)
			.isThrownBy(() -> jwtClient(UUID.randomUUID().toString(), ApplicationKeys.shared().privateKeyPem())
				.getMessagesClient()
				.sendMessage(sms(uniqueRef("other-app")).build()))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(401));
	}

	@Test
	void wrongApiSecretIsUnauthorized() {
		assertThatExceptionOfType(MessageResponseException.class)
			.isThrownBy(() -> basicClient(API_KEY, "WrongSecret12345").getMessagesClient()
				.sendMessage(sms(uniqueRef("bad-secret")).build()))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(401));
	}

	@Test
	void missingOrForeignCredentialsAreUnauthorizedProblems() throws Exception {
		for (String authorization : new String[] { null, "Bearer not-a-jwt", basic(API_KEY, "nope"), "Token abc" }) {
			HttpResponse<String> response = post("/v1/messages", "application/json", SMS_JSON, authorization);

			assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
			assertProblem(response, "Unauthorized");
		}
	}

	@Test
	void invalidParametersAreListed() throws Exception {
		String clientRef = uniqueRef("invalid");
		String body = """
				{"message_type":"text","channel":"sms","to":"+44 7700","from":"447700900000","text":"",
				 "client_ref":"%s","webhook_url":"ftp://example.com/status","webhook_version":"v9"}"""
			.formatted(clientRef);

		HttpResponse<String> response = post("/v1/messages", "application/json", body, bearer());

		assertThat(response.statusCode()).isEqualTo(422);
		JsonNode problem = assertProblem(response, "Invalid params");
		assertThat(problem.get("invalid_parameters").findValuesAsString("name")).containsExactlyInAnyOrder("to", "text",
				"webhook_url", "webhook_version");
		assertThat(journal(clientRef)).isEmpty();
	}

	@Test
	void missingFieldsAndOverlongClientRefAreListed() throws Exception {
		String body = """
				{"channel":"sms","client_ref":"%s"}""".formatted("x".repeat(101));

		HttpResponse<String> response = post("/v1/messages", "application/json", body, bearer());

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(assertProblem(response, "Invalid params").get("invalid_parameters").findValuesAsString("name"))
			.containsExactlyInAnyOrder("message_type", "to", "from", "text", "client_ref");
	}

	@Test
	void sdkSeesInvalidWebhookUrlAs422() {
		// The SDK checks numbers and lengths itself but sends any URI as webhook_url.
		assertThatExceptionOfType(MessageResponseException.class)
			.isThrownBy(() -> jwtClient().getMessagesClient()
				.sendMessage(sms(uniqueRef("ftp")).webhookUrl("ftp://example.com/status").build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(422);
				assertThat(ex.getTitle()).isEqualTo("Invalid params");
				assertThat(ex.getInvalidParameters()).singleElement().asString().contains("webhook_url");
			});
	}

	@Test
	void otherChannelsAreUnsupported() {
		assertThatExceptionOfType(MessageResponseException.class)
			.isThrownBy(() -> jwtClient().getMessagesClient()
				.sendMessage(WhatsappTextRequest.builder().from("447700900000").to("447700900123").text("hi").build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(422);
				assertThat(ex.getTitle()).isEqualTo("Unsupported channel");
				assertThat(ex.getDetail()).contains("whatsapp");
			});
	}

	@Test
	void malformedJsonIs422Problem() throws Exception {
		HttpResponse<String> response = post("/v1/messages", "application/json", "{\"channel\": \"sms\",", bearer());

		assertThat(response.statusCode()).isEqualTo(422);
		assertProblem(response, "Invalid JSON");
	}

	@Test
	void wrongJsonStructureIs422Problem() throws Exception {
		HttpResponse<String> response = post("/v1/messages", "application/json", "[1, 2]", bearer());

		assertThat(response.statusCode()).isEqualTo(422);
		assertProblem(response, "Invalid JSON");
	}

	@Test
	void springErrorsUnderV1AreProblemsToo() throws Exception {
		HttpResponse<String> notFound = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/nothing-here"))
			.header("Authorization", bearer())
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(notFound.statusCode()).isEqualTo(404);
		assertThat(assertProblem(notFound, "Not Found").get("detail").asString())
			.isEqualTo("The requested resource does not exist.");

		HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/messages"))
			.header("Authorization", bearer())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(wrongMethod.statusCode()).isEqualTo(405);
		assertProblem(wrongMethod, "Method Not Allowed");
		assertThat(wrongMethod.headers().firstValue("Allow"))
			.hasValueSatisfying((allow) -> assertThat(allow).contains("POST"));

		HttpResponse<String> wrongType = post("/v1/messages", "text/plain", SMS_JSON, bearer());
		assertThat(wrongType.statusCode()).isEqualTo(415);
		assertProblem(wrongType, "Unsupported Media Type");
	}

	private static SmsTextRequest.Builder sms(String clientRef) {
		return SmsTextRequest.builder().from("447700900000").to("447700900123").text("hi").clientRef(clientRef);
	}

	private JsonNode assertProblem(HttpResponse<String> response, String title) {
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("title").asString()).isEqualTo(title);
		assertThat(problem.get("type").asString()).startsWith("https://developer.vonage.com/api-errors");
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertUuid(problem.get("instance").asString());
		assertThat(problem.get("instance").asString())
			.isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
		return problem;
	}

	private void assertUuid(String value) {
		assertThat(UUID.fromString(value)).hasToString(value);
	}

}
