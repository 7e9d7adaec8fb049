package dev.telephony.sandbox;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.vonage.client.messages.sms.SmsTextRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JournalEndpointTests extends SandboxTestSupport {

	@Test
	void deleteClearsTheJournal() throws Exception {
		String clientRef = uniqueRef("clear");
		jwtClient().getMessagesClient()
			.sendMessage(SmsTextRequest.builder()
				.from("447700900000")
				.to("447700900123")
				.text("hi")
				.clientRef(clientRef)
				.build());
		// Wait until the message's (skipped) webhooks are journaled too, so nothing of it
		// can arrive after the clear.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(journal(clientRef)).hasSize(3));

		HttpResponse<String> cleared = http.send(
				HttpRequest.newBuilder(URI.create(baseUrl() + "/_sandbox/journal")).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(cleared.statusCode()).isEqualTo(204);
		assertThat(journal(clientRef)).isEmpty();
		HttpResponse<String> all = get("/_sandbox/journal");
		assertThat(all.statusCode()).isEqualTo(200);
		assertThat(json.readTree(all.body()).get("entries").toString()).doesNotContain(clientRef);
	}

	@Test
	void clientRefFilterOnlyReturnsThatMessage() throws Exception {
		String mine = uniqueRef("mine");
		String theirs = uniqueRef("theirs");
		for (String clientRef : new String[] { mine, theirs }) {
			jwtClient().getMessagesClient()
				.sendMessage(SmsTextRequest.builder()
					.from("447700900000")
					.to("447700900123")
					.text("hi")
					.clientRef(clientRef)
					.build());
		}

		assertThat(journal(mine)).isNotEmpty()
			.allSatisfy((entry) -> assertThat(entry.get("client_ref").asString()).isEqualTo(mine));
	}

}
