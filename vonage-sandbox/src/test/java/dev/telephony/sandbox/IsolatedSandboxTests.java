package dev.telephony.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.messages.InboundMessage;
import com.vonage.client.messages.MessageResponseException;
import com.vonage.client.messages.sms.SmsTextRequest;
import com.vonage.client.voice.Call;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.VoiceResponseException;
import com.vonage.client.voice.ncco.TalkAction;
import dev.telephony.testsupport.ApplicationKeys;
import dev.telephony.testsupport.SandboxStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * Behaviour that would disturb the shared test context (rate limits at their defaults,
 * faults, an inbound URL), each in a sandbox of its own.
 */
class IsolatedSandboxTests {

	private static final String APPLICATION_ID = "6d5f1a0e-2b7c-4e8f-9a1b-3c4d5e6f7a8b";

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

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
	void createCallAboveTheDefaultRateIsRefusedWith429AndNotJournaled() throws Exception {
		try (ConfigurableApplicationContext sandbox = start("--sandbox.time-scale=0.01")) {
			VonageClient client = client(sandbox);
			int accepted = 0;
			List<VoiceResponseException> refused = new ArrayList<>();
			long begin = System.nanoTime();
			for (int i = 0; i < 10; i++) {
				try {
					client.getVoiceClient()
						.createCall(Call.builder()
							.to(new PhoneEndpoint("14155550111"))
							.from("14155550100")
							.ncco(TalkAction.builder("hi").build())
							.build());
					accepted++;
				}
				catch (VoiceResponseException ex) {
					refused.add(ex);
				}
			}
			double seconds = (System.nanoTime() - begin) / 1e9;

			// The loop's span is covered by floor(seconds) + 1 one-second windows of 3.
			assertThat(accepted).isGreaterThanOrEqualTo(3).isLessThanOrEqualTo(3 * ((int) seconds + 1));
			assertThat(refused).isNotEmpty().allSatisfy((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(429);
				assertThat(ex.getTitle()).isEqualTo("Too Many Requests");
			});
			List<JsonNode> requests = journal(sandbox, "kind=request");
			assertThat(requests).hasSize(accepted);
			// The journal holds the instants the limiter counted, so this is exact.
			assertThat(busiestSecond(requests)).isLessThanOrEqualTo(3);

			HttpRequest invalid = HttpRequest.newBuilder(URI.create(base(sandbox) + "/v1/calls"))
				.header("Authorization", "Bearer " + client.generateJwt())
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build();
			long before = Instant.now().getEpochSecond();
			HttpResponse<String> raw = http.send(invalid, HttpResponse.BodyHandlers.ofString());
			for (int i = 0; i < 20 && raw.statusCode() != 429; i++) {
				raw = http.send(invalid, HttpResponse.BodyHandlers.ofString());
			}
			long after = Instant.now().getEpochSecond();
			assertThat(raw.statusCode()).isEqualTo(429);
			// The oldest admission leaves the window within a second.
			assertThat(raw.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(raw.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
			assertThat(raw.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
			assertThat(raw.headers().firstValue("X-RateLimit-Reset"))
				.hasValueSatisfying((value) -> assertThat(Long.parseLong(value)).isBetween(before, after + 2));
			assertThat(raw.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
	}

	@Test
	void messagesAboveTheDefaultRateAreRefusedWith429() throws Exception {
		try (ConfigurableApplicationContext sandbox = start()) {
			VonageClient client = client(sandbox);
			AtomicInteger accepted = new AtomicInteger();
			AtomicInteger refused = new AtomicInteger();
			List<RuntimeException> unexpected = new CopyOnWriteArrayList<>();
			long begin = System.nanoTime();
			// In parallel: one client alone cannot send faster than 30 per second here.
			try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < 80; i++) {
					senders.execute(() -> {
						try {
							client.getMessagesClient()
								.sendMessage(SmsTextRequest.builder()
									.from("14155550100")
									.to("14155550140")
									.text("hi")
									.build());
							accepted.incrementAndGet();
						}
						catch (MessageResponseException ex) {
							if (ex.getStatusCode() == 429) {
								refused.incrementAndGet();
							}
							else {
								unexpected.add(ex);
							}
						}
						catch (RuntimeException ex) {
							unexpected.add(ex);
						}
					});
				}
			}
			double seconds = (System.nanoTime() - begin) / 1e9;

			assertThat(unexpected).as("failures other than 429").isEmpty();
			assertThat(accepted.get() + refused.get()).isEqualTo(80);
			assertThat(accepted.get()).isGreaterThanOrEqualTo(30).isLessThanOrEqualTo(30 * ((int) seconds + 1));
			List<JsonNode> requests = journal(sandbox, "kind=request");
			assertThat(requests).hasSize(accepted.get());
			assertThat(busiestSecond(requests)).isLessThanOrEqualTo(30);
		}
	}

	// Counted (and journaled) when its first byte reached the sandbox: a request whose
	// headers trickle in for a second is counted at its start, as a provider's edge
	// would.
	@Test
	void messageIsCountedWhenItArrivedNotWhenItWasHandled() throws Exception {
		try (ConfigurableApplicationContext sandbox = start()) {
			VonageClient client = client(sandbox);
			URI uri = URI.create(base(sandbox));
			String body = "{\"message_type\":\"text\",\"channel\":\"sms\",\"to\":\"14155550140\","
					+ "\"from\":\"14155550100\",\"text\":\"hi\"}";
			String status;
			Instant firstByte;
			Instant restOfHeaders;
			try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
				OutputStream out = socket.getOutputStream();
				firstByte = Instant.now();
				out.write(("POST /v1/messages HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				Thread.sleep(1000);
				restOfHeaders = Instant.now();
				out.write(("Authorization: Bearer " + client.generateJwt() + "\r\nContent-Type: application/json\r\n"
						+ "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
					.readLine();
			}

			assertThat(status).startsWith("HTTP/1.1 202");
			Instant counted = Instant.parse(journal(sandbox, "kind=request").get(0).get("time").asString());
			assertThat(counted).isBetween(firstByte.minusMillis(5), restOfHeaders.minusMillis(500));
		}
	}

	@Test
	void scriptedReplyArrivesAsInboundMessage() throws Exception {
		String inbound = "/inbound/" + UUID.randomUUID();
		try (ConfigurableApplicationContext sandbox = start("--sandbox.time-scale=0.05",
				"--sandbox.inbound-url=" + receiver.url(inbound + "?cid=in"))) {
			client(sandbox).getMessagesClient()
				.sendMessage(SmsTextRequest.builder().from("14155550100").to("14155550131").text("Tuesday?").build());

			WebhookReceiver.Received reply = await().atMost(PATIENCE)
				.until(() -> receiver.received(inbound), (list) -> !list.isEmpty())
				.get(0);

			assertThat(reply.query()).isEqualTo("cid=in");
			InboundMessage message = InboundMessage.fromJson(new String(reply.body(), StandardCharsets.UTF_8));
			assertThat(message.getText()).isEqualTo("Yes, see you then.");
			assertThat(message.getFrom()).isEqualTo("14155550131");
			assertThat(message.getTo()).isEqualTo("14155550100");
		}
	}

	@Test
	void injectedServerErrorsReachTheSdkAndCanBeSwitchedOff() throws Exception {
		try (ConfigurableApplicationContext sandbox = start()) {
			VonageClient client = client(sandbox);
			assertThat(put(sandbox, "/_sandbox/faults", "{\"error_ratio\": 1.0}").statusCode()).isEqualTo(200);

			assertThatExceptionOfType(MessageResponseException.class)
				.isThrownBy(() -> client.getMessagesClient()
					.sendMessage(SmsTextRequest.builder().from("14155550100").to("14155550140").text("hi").build()))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(500));
			assertThatExceptionOfType(VoiceResponseException.class)
				.isThrownBy(() -> client.getVoiceClient().getCallDetails(UUID.randomUUID().toString()))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(500));
			assertThat(journal(sandbox, "kind=request")).isEmpty();

			assertThat(put(sandbox, "/_sandbox/faults", "{\"error_ratio\": 2}").statusCode()).isEqualTo(400);
			assertThat(put(sandbox, "/_sandbox/faults", "{\"eror_ratio\": 1}").statusCode()).isEqualTo(400);
			assertThat(http
				.send(HttpRequest.newBuilder(URI.create(base(sandbox) + "/_sandbox/faults")).DELETE().build(),
						HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(204);
			assertThat(client.getMessagesClient()
				.sendMessage(SmsTextRequest.builder().from("14155550100").to("14155550140").text("hi").build())
				.getMessageUuid()).isNotNull();
		}
	}

	@Test
	void droppedConnectionsHappenBeforeOrAfterProcessing() throws Exception {
		try (ConfigurableApplicationContext sandbox = start()) {
			String jwt = client(sandbox).generateJwt();
			HttpRequest send = HttpRequest.newBuilder(URI.create(base(sandbox) + "/v1/messages"))
				.header("Authorization", "Bearer " + jwt)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"message_type":"text","channel":"sms","to":"14155550140","from":"14155550100","text":"hi"}"""))
				.build();

			put(sandbox, "/_sandbox/faults", "{\"drop_before_ratio\": 1}");
			assertThatIOException().isThrownBy(() -> http.send(send, HttpResponse.BodyHandlers.ofString()));
			assertThat(journal(sandbox, "kind=request")).isEmpty();

			put(sandbox, "/_sandbox/faults", "{\"drop_after_ratio\": 1}");
			assertThatIOException().isThrownBy(() -> http.send(send, HttpResponse.BodyHandlers.ofString()));
			assertThat(journal(sandbox, "kind=request")).hasSize(1);
		}
	}

	@Test
	void duplicatedAndLateWebhooks() throws Exception {
		String path = "/status/" + UUID.randomUUID();
		try (ConfigurableApplicationContext sandbox = start("--sandbox.faults.webhook-duplicate-ratio=1",
				"--sandbox.faults.webhook-delay=100ms")) {
			long begin = System.nanoTime();
			client(sandbox).getMessagesClient()
				.sendMessage(SmsTextRequest.builder()
					.from("14155550100")
					.to("14155550140")
					.text("hi")
					.webhookUrl(receiver.url(path).toString())
					.build());

			List<WebhookReceiver.Received> received = await().atMost(PATIENCE)
				.until(() -> receiver.received(path), (list) -> list.size() == 4);

			assertThat(received).extracting((request) -> json.readTree(request.body()).get("status").asString())
				.containsExactly("submitted", "submitted", "delivered", "delivered");
			// Four deliveries, each held back 100 ms.
			assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		}
	}

	@Test
	void reorderedWebhooksSwapNeighbours() throws Exception {
		String path = "/status/" + UUID.randomUUID();
		try (ConfigurableApplicationContext sandbox = start()) {
			put(sandbox, "/_sandbox/faults", "{\"webhook_reorder_ratio\": 1}");
			client(sandbox).getMessagesClient()
				.sendMessage(SmsTextRequest.builder()
					.from("14155550100")
					.to("14155550140")
					.text("hi")
					.webhookUrl(receiver.url(path).toString())
					.build());

			List<WebhookReceiver.Received> received = await().atMost(PATIENCE)
				.until(() -> receiver.received(path), (list) -> list.size() == 2);

			assertThat(received).extracting((request) -> json.readTree(request.body()).get("status").asString())
				.containsExactly("delivered", "submitted");
		}
	}

	private static ConfigurableApplicationContext start(String... extra) {
		List<String> settings = new ArrayList<>(
				List.of("--sandbox.delivery-delay=10ms", "--sandbox.webhook-retry-schedule=20ms"));
		settings.addAll(List.of(extra));
		return SandboxStart.run(VonageSandboxApplication.builder(), APPLICATION_ID, ApplicationKeys.shared(),
				settings.toArray(String[]::new));
	}

	// Most journal entries in any (t - 1 s, t], as a strict provider would count them.
	private static int busiestSecond(List<JsonNode> entries) {
		List<Instant> times = entries.stream()
			.map((entry) -> Instant.parse(entry.get("time").asString()))
			.sorted()
			.toList();
		int busiest = 0;
		int start = 0;
		for (int end = 0; end < times.size(); end++) {
			while (!times.get(start).plusSeconds(1).isAfter(times.get(end))) {
				start++;
			}
			busiest = Math.max(busiest, end - start + 1);
		}
		return busiest;
	}

	private static String base(ConfigurableApplicationContext sandbox) {
		return "http://localhost:" + ((WebServerApplicationContext) sandbox).getWebServer().getPort();
	}

	private static VonageClient client(ConfigurableApplicationContext sandbox) {
		return VonageClient.builder()
			.applicationId(APPLICATION_ID)
			.privateKeyContents(ApplicationKeys.shared().privateKeyPem())
			.httpConfig(HttpConfig.builder().apiBaseUri(base(sandbox)).build())
			.build();
	}

	private static HttpResponse<String> put(ConfigurableApplicationContext sandbox, String path, String body)
			throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(base(sandbox) + path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static List<JsonNode> journal(ConfigurableApplicationContext sandbox, String query)
			throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(base(sandbox) + "/_sandbox/journal?" + query)).build(),
				HttpResponse.BodyHandlers.ofString());
		return StreamSupport.stream(json.readTree(response.body()).get("entries").spliterator(), false).toList();
	}

}
