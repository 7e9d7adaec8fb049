package dev.telephony.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.vonage.client.messages.MessageStatus;
import com.vonage.client.messages.sms.SmsTextRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scripted SMS recipients of the built-in scenario file.
 */
class SmsScenarioTests extends SandboxTestSupport {

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
	void undeliverableRecipientReportsTheError() throws Exception {
		List<WebhookReceiver.Received> received = send("14155550132", 2);

		assertThat(received).extracting((request) -> status(request).getStatus())
			.containsExactly(MessageStatus.Status.SUBMITTED, MessageStatus.Status.UNDELIVERABLE);
		JsonNode error = json.readTree(received.get(1).body()).get("error");
		assertThat(error.get("title").asString()).isEqualTo("1260");
		assertThat(error.get("detail").asString()).isEqualTo("Destination unreachable");
		assertThat(error.get("type").asString()).startsWith("https://developer.vonage.com/api-errors");
		assertThat(status(received.get(1)).getError()).isNotNull();
		assertThat(status(received.get(1)).getUsage()).isNull();
	}

	@Test
	void rejectedRecipientIsRejectedWithoutSubmission() throws Exception {
		List<WebhookReceiver.Received> received = send("14155550133", 1);

		assertThat(status(received.get(0)).getStatus()).isEqualTo(MessageStatus.Status.REJECTED);
		assertThat(json.readTree(received.get(0).body()).get("error").get("title").asString()).isEqualTo("1170");
	}

	@Test
	void replyWithoutInboundUrlIsJournaledAsSkipped() throws Exception {
		String clientRef = uniqueRef("reply");
		jwtClient().getMessagesClient()
			.sendMessage(SmsTextRequest.builder()
				.from("14155550100")
				.to("14155550131")
				.text("Tuesday at ten?")
				.clientRef(clientRef)
				.webhookUrl(receiver.url("/status/" + clientRef).toString())
				.build());

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(journal(clientRef))
				.filteredOn((entry) -> entry.get("kind").asString().equals("webhook_skipped"))
				.extracting((entry) -> entry.get("status").asString())
				.containsExactly("inbound"));
	}

	private List<WebhookReceiver.Received> send(String to, int expected) {
		String clientRef = uniqueRef(to);
		String path = "/status/" + clientRef;
		jwtClient().getMessagesClient()
			.sendMessage(SmsTextRequest.builder()
				.from("14155550100")
				.to(to)
				.text("hi")
				.clientRef(clientRef)
				.webhookUrl(receiver.url(path).toString())
				.build());
		return await().atMost(PATIENCE).until(() -> receiver.received(path), (list) -> list.size() == expected);
	}

	private static MessageStatus status(WebhookReceiver.Received request) {
		return MessageStatus.fromJson(new String(request.body(), StandardCharsets.UTF_8));
	}

}
