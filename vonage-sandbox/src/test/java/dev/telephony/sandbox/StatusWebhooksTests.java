package dev.telephony.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.messages.Channel;
import com.vonage.client.messages.MessageStatus;
import com.vonage.client.messages.sms.SmsTextRequest;
import dev.telephony.testsupport.ApplicationKeys;
import dev.telephony.testsupport.FreePorts;
import dev.telephony.testsupport.SandboxStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Status webhooks as an app receives them: order, shape (parsed by the SDK's own model),
 * and a signature verified with a JWT library other than the sandbox's.
 */
class StatusWebhooksTests extends SandboxTestSupport {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private static WebhookReceiver receiver;

	@BeforeAll
	static void startReceiver() throws Exception {
		receiver = new WebhookReceiver();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void submittedThenDeliveredAreSignedLikeVonage() throws Exception {
		String clientRef = uniqueRef("webhooks");
		String path = "/status/" + clientRef;
		UUID messageUuid = send(clientRef, path, jwtClient());

		List<WebhookReceiver.Received> received = await().atMost(PATIENCE)
			.until(() -> receiver.received(path), (list) -> list.size() == 2);

		assertThat(received).allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.contentType()).startsWith("application/json");
		});
		MessageStatus submitted = MessageStatus.fromJson(bodyOf(received.get(0)));
		MessageStatus delivered = MessageStatus.fromJson(bodyOf(received.get(1)));
		assertThat(submitted.getStatus()).isEqualTo(MessageStatus.Status.SUBMITTED);
		assertThat(delivered.getStatus()).isEqualTo(MessageStatus.Status.DELIVERED);
		for (MessageStatus status : List.of(submitted, delivered)) {
			assertThat(status.getMessageUuid()).isEqualTo(messageUuid);
			assertThat(status.getTo()).isEqualTo("447700900123");
			assertThat(status.getFrom()).isEqualTo("447700900000");
			assertThat(status.getChannel()).isEqualTo(Channel.SMS);
			assertThat(status.getClientRef()).isEqualTo(clientRef);
			assertThat(status.getSmsTotalCount()).isEqualTo(1);
			assertThat(status.getTimestamp()).isCloseTo(Instant.now(), within(Duration.ofSeconds(30)));
		}
		assertThat(submitted.getUsage()).isNull();
		assertThat(delivered.getUsage().getCurrency().getCurrencyCode()).isEqualTo("EUR");
		assertThat(delivered.getUsage().getPrice()).isEqualTo(0.0333);
		assertThat(json.readTree(received.get(1).body()).get("timestamp").asString())
			.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

		for (WebhookReceiver.Received request : received) {
			JWTClaimsSet claims = verifiedClaims(request);
			assertThat(claims.getIssuer()).isEqualTo("Vonage");
			assertThat(claims.getStringClaim("api_key")).isEqualTo(API_KEY);
			assertThat(claims.getStringClaim("application_id")).isEqualTo(APPLICATION_ID);
			assertThat(UUID.fromString(claims.getJWTID())).isNotNull();
			assertThat(claims.getIssueTime().toInstant()).isCloseTo(Instant.now(), within(Duration.ofSeconds(30)));
			// iat is whole seconds, as in Vonage's tokens
			assertThat(SignedJWT.parse(token(request)).getPayload().toJSONObject().get("iat")).isInstanceOf(Long.class);
		}
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(webhookEntries(clientRef))
				.extracting((entry) -> entry.get("status").asString() + "/" + entry.get("attempt").asInt() + "/"
						+ entry.get("result").asInt())
				.containsExactly("submitted/1/200", "delivered/1/200"));
	}

	@Test
	void signatureFailsWithAnotherSecret() throws Exception {
		String clientRef = uniqueRef("secret");
		String path = "/status/" + clientRef;
		send(clientRef, path, jwtClient());

		WebhookReceiver.Received first = await().atMost(PATIENCE)
			.until(() -> receiver.received(path), (list) -> !list.isEmpty())
			.get(0);

		SignedJWT jwt = SignedJWT.parse(token(first));
		assertThat(jwt.verify(new MACVerifier("another-secret-of-at-least-32-bytes-length"))).isFalse();
		assertThat(jwt.verify(new MACVerifier(SIGNATURE_SECRET))).isTrue();
	}

	@Test
	void basicAuthMessagesAreSignedWithoutApplicationId() throws Exception {
		String clientRef = uniqueRef("basic-webhooks");
		String path = "/status/" + clientRef;
		send(clientRef, path, basicClient(API_KEY, API_SECRET));

		WebhookReceiver.Received first = await().atMost(PATIENCE)
			.until(() -> receiver.received(path), (list) -> !list.isEmpty())
			.get(0);

		JWTClaimsSet claims = verifiedClaims(first);
		assertThat(claims.getStringClaim("api_key")).isEqualTo(API_KEY);
		assertThat(claims.getClaims()).doesNotContainKey("application_id");
	}

	@Test
	void failedDeliveriesAreRetriedAndKeptInOrder() throws Exception {
		String clientRef = uniqueRef("retry");
		String path = "/status/" + clientRef;
		receiver.answer(path, 503, 429);
		send(clientRef, path, jwtClient());

		List<WebhookReceiver.Received> received = await().atMost(PATIENCE)
			.until(() -> receiver.received(path), (list) -> list.size() == 4);

		assertThat(received).extracting((request) -> json.readTree(request.body()).get("status").asString())
			.containsExactly("submitted", "submitted", "submitted", "delivered");
		for (WebhookReceiver.Received request : received) {
			verifiedClaims(request);
		}
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(webhookEntries(clientRef))
				.extracting((entry) -> entry.get("status").asString() + "/" + entry.get("attempt").asInt() + "/"
						+ entry.get("result").asInt())
				.containsExactly("submitted/1/503", "submitted/2/429", "submitted/3/200", "delivered/1/200"));
	}

	@Test
	void givesUpAfterTheConfiguredAttemptsAndStillReportsDelivery() throws Exception {
		String clientRef = uniqueRef("give-up");
		String path = "/status/" + clientRef;
		receiver.answer(path, 500, 500, 500);
		send(clientRef, path, jwtClient());

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(webhookEntries(clientRef))
				.extracting((entry) -> entry.get("status").asString() + "/" + entry.get("attempt").asInt() + "/"
						+ entry.get("result").asInt())
				.containsExactly("submitted/1/500", "submitted/2/500", "submitted/3/500", "delivered/1/200"));
	}

	@Test
	void clientErrorsAreNotRetried() throws Exception {
		String clientRef = uniqueRef("no-retry");
		String path = "/status/" + clientRef;
		receiver.answer(path, 404);
		send(clientRef, path, jwtClient());

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(webhookEntries(clientRef))
				.extracting((entry) -> entry.get("status").asString() + "/" + entry.get("attempt").asInt() + "/"
						+ entry.get("result").asInt())
				.containsExactly("submitted/1/404", "delivered/1/200"));
	}

	@Test
	void unreachableTargetIsJournaledAsError() throws Exception {
		String clientRef = uniqueRef("unreachable");
		int closedPort = FreePorts.next();
		jwtClient().getMessagesClient()
			.sendMessage(SmsTextRequest.builder()
				.from("447700900000")
				.to("447700900123")
				.text("hi")
				.clientRef(clientRef)
				.webhookUrl("http://127.0.0.1:" + closedPort + "/status")
				.build());

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(webhookEntries(clientRef)).hasSize(6));
		assertThat(webhookEntries(clientRef)).allSatisfy((entry) -> {
			assertThat(entry.has("result")).isFalse();
			assertThat(entry.get("error").asString()).contains("ConnectException");
		});
	}

	@Test
	void withoutAnyStatusUrlTheWebhooksAreSkippedAndJournaled() throws Exception {
		String clientRef = uniqueRef("no-url");
		jwtClient().getMessagesClient()
			.sendMessage(SmsTextRequest.builder()
				.from("447700900000")
				.to("447700900123")
				.text("hi")
				.clientRef(clientRef)
				.build());

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(journal(clientRef))
				.filteredOn((entry) -> entry.get("kind").asString().equals("webhook_skipped"))
				.extracting((entry) -> entry.get("status").asString())
				.containsExactly("submitted", "delivered"));
	}

	@Test
	void defaultStatusUrlIsUsedWhenTheMessageHasNone() throws Exception {
		String path = "/default/" + UUID.randomUUID();
		try (ConfigurableApplicationContext sandbox = SandboxStart.run(VonageSandboxApplication.builder(),
				APPLICATION_ID, ApplicationKeys.shared(), "--sandbox.delivery-delay=10ms",
				"--sandbox.default-status-url=" + receiver.url(path))) {
			int port = ((WebServerApplicationContext) sandbox).getWebServer().getPort();
			VonageClient client = VonageClient.builder()
				.applicationId(APPLICATION_ID)
				.privateKeyContents(ApplicationKeys.shared().privateKeyPem())
				.httpConfig(HttpConfig.builder().apiBaseUri("http://localhost:" + port).build())
				.build();
			UUID messageUuid = client.getMessagesClient()
				.sendMessage(SmsTextRequest.builder().from("447700900000").to("447700900123").text("hi").build())
				.getMessageUuid();

			List<WebhookReceiver.Received> received = await().atMost(PATIENCE)
				.until(() -> receiver.received(path), (list) -> list.size() == 2);

			assertThat(received).extracting((request) -> MessageStatus.fromJson(bodyOf(request)).getMessageUuid())
				.containsOnly(messageUuid);
		}
	}

	private UUID send(String clientRef, String path, VonageClient client) {
		return client.getMessagesClient()
			.sendMessage(SmsTextRequest.builder()
				.from("447700900000")
				.to("447700900123")
				.text("hi")
				.clientRef(clientRef)
				.webhookUrl(receiver.url(path).toString())
				.build())
			.getMessageUuid();
	}

	private List<JsonNode> webhookEntries(String clientRef) throws Exception {
		return journal(clientRef).stream().filter((entry) -> entry.get("kind").asString().equals("webhook")).toList();
	}

	/** Verifies signature and payload hash with Nimbus, independently of the signer. */
	private static JWTClaimsSet verifiedClaims(WebhookReceiver.Received request) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token(request));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(jwt.verify(new MACVerifier(SIGNATURE_SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request.body()));
		assertThat(claims.getStringClaim("payload_hash")).isEqualTo(bodyHash);
		return claims;
	}

	private static String token(WebhookReceiver.Received request) {
		assertThat(request.authorization()).startsWith("Bearer ");
		return request.authorization().substring("Bearer ".length());
	}

	private static String bodyOf(WebhookReceiver.Received request) {
		return new String(request.body(), StandardCharsets.UTF_8);
	}

}
