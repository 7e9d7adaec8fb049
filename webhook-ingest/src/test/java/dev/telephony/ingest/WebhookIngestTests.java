package dev.telephony.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.telephony.schemas.Topics;
import dev.telephony.testsupport.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks against a real broker: verified, and acknowledged only once Kafka has the
 * event.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookIngestTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private String bootstrapServers;

	private ConfigurableApplicationContext ingest;

	@BeforeAll
	void start() {
		this.bootstrapServers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
		this.ingest = start(this.bootstrapServers);
	}

	static ConfigurableApplicationContext start(String bootstrapServers, String... more) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrapServers,
						"--telephony.ingest.signature-secret=" + VonageSigning.SECRET));
		args.addAll(List.of(more));
		return WebhookIngestApplication.builder().run(args.toArray(String[]::new));
	}

	@AfterAll
	void stop() {
		this.ingest.close();
	}

	@Test
	void statusWebhookIsPublishedWithCloudEventHeadersThenAcknowledged() throws Exception {
		UUID commandId = UUID.randomUUID();
		String body = """
				{"message_uuid":"%s","to":"447911123456","from":"14155550100","status":"delivered",
				 "timestamp":"2026-11-23T10:15:31.123Z","channel":"sms"}""".formatted(UUID.randomUUID());

		HttpResponse<String> response = post("/webhooks/messages/status?cid=" + commandId, body);

		assertThat(response.statusCode()).isEqualTo(200);
		ConsumerRecord<String, String> record = recordsKeyed(commandId.toString()).get(0);
		assertThat(record.value()).contains("\"type\":\"message-status-changed\"").contains("\"status\":\"delivered\"");
		assertThat(header(record, "ce_type")).isEqualTo("telephony.event.message-status-changed.v1");
		assertThat(header(record, "ce_source")).isEqualTo("/webhook-ingest");
		assertThat(header(record, "content-type")).isEqualTo("application/json");
		assertThat(record.headers().lastHeader("__TypeId__")).isNull();
	}

	@Test
	void everyPublishIsTimedByTopicAndOutcomeFromStartUp() throws Exception {
		MeterRegistry meters = this.ingest.getBean(MeterRegistry.class);
		assertThat(meters.find("telephony.kafka.publish").tag("topic", Topics.EVENTS).timers())
			.extracting((timer) -> timer.getId().getTag("outcome"))
			.containsExactlyInAnyOrder("published", "failed", "timeout", "interrupted");
		long before = meters.get("telephony.kafka.publish")
			.tags("topic", Topics.EVENTS, "outcome", "published")
			.timer()
			.count();

		HttpResponse<String> response = post("/webhooks/voice/event?cid=" + UUID.randomUUID(),
				voiceStatus(UUID.randomUUID().toString(), "started"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(meters.get("telephony.kafka.publish")
			.tags("topic", Topics.EVENTS, "outcome", "published")
			.timer()
			.count()).isEqualTo(before + 1);
	}

	@Test
	void malformedJsonIsRefusedWithAProblemAndNothingIsPublished() throws Exception {
		int before = eventRecords().size();

		HttpResponse<String> response = post("/webhooks/messages/status", "{\"status\": ");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("not JSON");
		assertThat(eventRecords()).hasSize(before);
	}

	@Test
	void oversizedBodyIsRefused() throws Exception {
		String huge = "{\"text\":\"" + "x".repeat(70_000) + "\"}";
		assertThat(post("/webhooks/messages/inbound", huge).statusCode()).isEqualTo(413);
	}

	@Test
	void unsignedAndTamperedWebhooksAreRefusedCountedAndNotPublished() throws Exception {
		UUID commandId = UUID.randomUUID();
		String body = voiceStatus(UUID.randomUUID().toString(), "answered");
		double before = rejected("voice-event", "missing") + rejected("voice-event", "payload_mismatch");

		HttpResponse<String> unsigned = send("POST", "/webhooks/voice/event?cid=" + commandId, body, null,
				"application/json");
		HttpResponse<String> tampered = send("POST", "/webhooks/voice/event?cid=" + commandId,
				body.replace("answered", "completed"), VonageSigning.bearer(body), "application/json");

		assertThat(unsigned.statusCode()).isEqualTo(401);
		assertThat(tampered.statusCode()).isEqualTo(401);
		assertThat(unsigned.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(rejected("voice-event", "missing") + rejected("voice-event", "payload_mismatch"))
			.isEqualTo(before + 2);
		assertThat(recordsKeyedNow(commandId.toString())).isEmpty();
	}

	@Test
	void sameStatusDeliveredThreeTimesIsOneLogicalEvent() throws Exception {
		UUID commandId = UUID.randomUUID();
		String body = voiceStatus(UUID.randomUUID().toString(), "ringing");
		double duplicatesBefore = received("voice-event", "duplicate");

		for (int delivery = 0; delivery < 3; delivery++) {
			HttpResponse<String> response = post("/webhooks/voice/event?cid=" + commandId, body);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEmpty();
		}

		// Each 200 came after Kafka's ack of the first delivery; the redeliveries added
		// nothing.
		List<ConsumerRecord<String, String>> records = recordsKeyedNow(commandId.toString());
		assertThat(records).hasSize(1);
		assertThat(received("voice-event", "duplicate")).isEqualTo(duplicatesBefore + 2);
		assertThat(header(records.get(0), "ce_type")).isEqualTo("telephony.event.call-status-changed.v1");
		String eventId = header(records.get(0), "ce_id");
		await().untilAsserted(() -> assertThat(get("/events/" + eventId).statusCode()).isEqualTo(200));
		JsonNode page = this.json.readTree(get("/events?limit=1000").body());
		assertThat(page.path("events").valueStream().filter((event) -> event.path("id").asString().equals(eventId)))
			.hasSize(1);
	}

	@Test
	void speechInputOnTheOriginalsEventUrlIsAnsweredEmptyAndReadBackFromGetEvent() throws Exception {
		UUID commandId = UUID.randomUUID();
		String conversation = "CON-" + UUID.randomUUID();
		String body = """
				{"uuid":"%s","conversation_uuid":"%s","timestamp":"%s","dtmf":{"digits":null,"timed_out":false},
				 "speech":{"timeout_reason":"end_on_silence_timeout",
				  "results":[{"confidence":"0.93","text":"yes Tuesday works"}]}}""".formatted(UUID.randomUUID(),
				conversation, Instant.now());

		HttpResponse<String> response = post("/event?cid=" + commandId, body);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		assertThat(header(recordsKeyed(commandId.toString()).get(0), "ce_type"))
			.isEqualTo("telephony.event.call-input-received.v1");
		await().untilAsserted(() -> {
			JsonNode speech = this.json.readTree(get("/event").body());
			assertThat(speech.path("speech_events")
				.valueStream()
				.filter((event) -> conversation.equals(event.path("conversation_uuid").asString()))
				.findFirst()).hasValueSatisfying((event) -> {
					assertThat(event.path("text").asString()).isEqualTo("yes Tuesday works");
					assertThat(event.path("confidence").asDouble()).isEqualTo(0.93);
				});
		});
	}

	@Test
	void conversationInputIsAnsweredWithAHoldThatKeepsListeningAndCountsFromItsStart() throws Exception {
		UUID commandId = UUID.randomUUID();
		String callUuid = UUID.randomUUID().toString();
		String turnInput = speechInput(callUuid, "A table for four, please");
		Instant before = Instant.now();

		HttpResponse<String> turn = post("/webhooks/voice/event?cid=" + commandId + "&conv=1&idle=90&lang=en-GB",
				turnInput);

		assertThat(turn.statusCode()).isEqualTo(200);
		assertThat(turn.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode hold = this.json.readTree(turn.body());
		assertThat(hold).hasSize(1);
		assertThat(hold.get(0).path("action").asString()).isEqualTo("input");
		assertThat(hold.get(0).path("type").valueStream().map(JsonNode::asString)).containsExactly("speech", "dtmf");
		assertThat(hold.get(0).path("speech").path("language").asString()).isEqualTo("en-GB");
		assertThat(hold.get(0).path("speech").path("startTimeout").asInt()).isEqualTo(60);
		URI holdUrl = URI.create(hold.get(0).path("eventUrl").get(0).asString());
		assertThat(holdUrl.getPath()).isEqualTo("/webhooks/voice/event");
		Map<String, String> parameters = query(holdUrl);
		assertThat(parameters).containsEntry("cid", commandId.toString())
			.containsEntry("conv", "1")
			.containsEntry("idle", "90")
			.containsEntry("lang", "en-GB");
		long held = Long.parseLong(parameters.get("held"));
		assertThat(Instant.ofEpochMilli(held)).isBetween(before.truncatedTo(ChronoUnit.MILLIS), Instant.now());
		// The turn's own answer came before any hold.
		assertThat(recordsKeyed(commandId.toString()).get(0).value()).contains("A table for four, please")
			.doesNotContain("heldSince");

		// The callee speaks while the model thinks: a further input, marked as held.
		HttpResponse<String> round = post(holdUrl.getRawPath() + "?" + holdUrl.getRawQuery(),
				speechInput(callUuid, "Oh, and one of us is vegetarian"));

		JsonNode nextRound = this.json.readTree(round.body());
		assertThat(query(URI.create(nextRound.get(0).path("eventUrl").get(0).asString()))).containsEntry("held",
				String.valueOf(held));
		assertThat(nextRound.get(0).path("speech").path("startTimeout").asInt()).isBetween(1, 60);
		ConsumerRecord<String, String> heldInput = await()
			.until(() -> recordsKeyedNow(commandId.toString()), (found) -> found.size() == 2)
			.get(1);
		assertThat(heldInput.value()).contains("Oh, and one of us is vegetarian")
			.contains("\"heldSince\":\"" + Instant.ofEpochMilli(held) + "\"");
	}

	@Test
	void aHoldPastTheIdleLimitSaysGoodbyeAfterRecordingWhyTheCallEnded() throws Exception {
		UUID commandId = UUID.randomUUID();
		String callUuid = UUID.randomUUID().toString();
		long held = Instant.now().minusSeconds(121).toEpochMilli();

		HttpResponse<String> response = post("/webhooks/voice/event?cid=" + commandId + "&conv=1&idle=120&held=" + held,
				silentInput(callUuid));

		JsonNode goodbye = this.json.readTree(response.body());
		assertThat(goodbye).hasSize(1);
		assertThat(goodbye.get(0).path("action").asString()).isEqualTo("talk");
		assertThat(goodbye.get(0).path("text").asString()).contains("Goodbye");
		List<ConsumerRecord<String, String>> records = await().until(() -> recordsKeyedNow(commandId.toString()),
				(found) -> found.size() == 2);
		assertThat(header(records.get(0), "ce_type")).isEqualTo("telephony.event.call-input-received.v1");
		assertThat(header(records.get(1), "ce_type")).isEqualTo("telephony.event.conversation-ended.v1");
		assertThat(records.get(1).value()).contains("\"reason\":\"idle\"").contains(callUuid);
	}

	@Test
	void statusEventsOfAConversationAndInputOfOtherCallsGetNoHold() throws Exception {
		HttpResponse<String> status = post("/webhooks/voice/event?cid=" + UUID.randomUUID() + "&conv=1",
				voiceStatus(UUID.randomUUID().toString(), "answered"));
		HttpResponse<String> oneShot = post("/webhooks/voice/event?cid=" + UUID.randomUUID(),
				speechInput(UUID.randomUUID().toString(), "yes"));

		assertThat(status.statusCode()).isEqualTo(200);
		assertThat(status.body()).isEmpty();
		assertThat(oneShot.statusCode()).isEqualTo(200);
		assertThat(oneShot.body()).isEmpty();
	}

	@Test
	void getStyleVoiceEventIsVerifiedAgainstItsQueryAsJson() throws Exception {
		UUID commandId = UUID.randomUUID();
		Map<String, String> query = new LinkedHashMap<>();
		query.put("uuid", UUID.randomUUID().toString());
		query.put("status", "started");
		query.put("timestamp", Instant.now().toString());
		String hashed = this.json.writeValueAsString(query);

		HttpResponse<String> response = send("GET", "/webhooks/voice/event?cid=" + commandId + "&" + form(query), null,
				VonageSigning.bearer(hashed), null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(recordsKeyed(commandId.toString()).get(0).value()).contains("\"status\":\"started\"");
	}

	@Test
	void inboundCallIsAnsweredWithTheDeclineNccoAndPublished() throws Exception {
		String callUuid = UUID.randomUUID().toString();
		Map<String, String> query = new LinkedHashMap<>();
		query.put("to", "447700900000");
		query.put("from", "447700900123");
		query.put("uuid", callUuid);
		query.put("conversation_uuid", "CON-" + UUID.randomUUID());

		HttpResponse<String> response = send("GET", "/webhooks/voice/answer?" + form(query), null,
				VonageSigning.bearer(this.json.writeValueAsString(query)), null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode ncco = this.json.readTree(response.body());
		assertThat(ncco.isArray()).isTrue();
		assertThat(ncco.get(0).path("action").asString()).isEqualTo("talk");
		assertThat(recordsKeyed(callUuid).get(0).value()).contains("\"type\":\"inbound-call\"")
			.contains("\"from\":\"447700900123\"");
	}

	@Test
	void smsInboundIsTakenAsGetQueryPostFormAndPostJson() throws Exception {
		String sender = "44770090" + (1000 + (int) (Math.random() * 8999));
		Map<String, String> viaGet = smsInbound(sender, "m-get-" + UUID.randomUUID());
		Map<String, String> viaForm = smsInbound(sender, "m-form-" + UUID.randomUUID());
		Map<String, String> viaJson = smsInbound(sender, "m-json-" + UUID.randomUUID());

		assertThat(send("GET", "/webhooks/sms/inbound?" + form(viaGet), null, null, null).statusCode()).isEqualTo(200);
		assertThat(send("POST", "/webhooks/sms/inbound", form(viaForm), null, "application/x-www-form-urlencoded")
			.statusCode()).isEqualTo(200);
		assertThat(
				send("POST", "/webhooks/sms/inbound", this.json.writeValueAsString(viaJson), null, "application/json")
					.statusCode())
			.isEqualTo(200);

		List<ConsumerRecord<String, String>> records = await().until(() -> recordsKeyedNow(sender),
				(found) -> found.size() == 3);
		assertThat(records).allSatisfy(
				(record) -> assertThat(header(record, "ce_type")).isEqualTo("telephony.event.inbound-message.v1"));
		assertThat(records).extracting(ConsumerRecord::value)
			.anySatisfy((value) -> assertThat(value).contains(viaGet.get("messageId")))
			.anySatisfy((value) -> assertThat(value).contains(viaForm.get("messageId")))
			.anySatisfy((value) -> assertThat(value).contains(viaJson.get("messageId")));
	}

	@Test
	void smsWithABadSigIsRefused() throws Exception {
		Map<String, String> parameters = smsInbound("447700900999", "m-" + UUID.randomUUID());
		parameters.put("text", "tampered");
		double before = rejected("sms-inbound", "bad_signature");

		HttpResponse<String> response = send("GET", "/webhooks/sms/inbound?" + form(parameters), null, null, null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(rejected("sms-inbound", "bad_signature")).isEqualTo(before + 1);
	}

	@Test
	void deliveryReceiptBecomesMessageStatusChangedForItsCommand() throws Exception {
		UUID commandId = UUID.randomUUID();
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("msisdn", "447700900123");
		parameters.put("to", "447700900000");
		parameters.put("messageId", "0A" + UUID.randomUUID().toString().substring(0, 8));
		parameters.put("status", "delivered");
		parameters.put("scts", "2611231017");
		parameters.put("err-code", "0");
		parameters.put("client-ref", commandId.toString());
		parameters.put("message-timestamp", "2026-11-23 10:17:10");
		parameters.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
		parameters.put("nonce", UUID.randomUUID().toString());
		parameters.put("sig", VonageSigning.smsSig(parameters, VonageSigning.SECRET, "md5hash"));

		HttpResponse<String> response = send("POST", "/webhooks/sms/delivery-receipt",
				this.json.writeValueAsString(parameters), null, "application/json");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(recordsKeyed(commandId.toString()).get(0).value()).contains("\"type\":\"message-status-changed\"")
			.contains("\"errorCode\":\"0\"");
	}

	@Test
	void unknownEventIdIsNotFound() throws Exception {
		assertThat(get("/events/no-such-event").statusCode()).isEqualTo(404);
	}

	@Test
	void anotherReplicaReplaysTheTopicAndAnswersTheSame() throws Exception {
		UUID commandId = UUID.randomUUID();
		assertThat(post("/webhooks/voice/event?cid=" + commandId, voiceStatus(UUID.randomUUID().toString(), "started"))
			.statusCode()).isEqualTo(200);
		String eventId = header(recordsKeyed(commandId.toString()).get(0), "ce_id");

		try (ConfigurableApplicationContext replica = start(this.bootstrapServers)) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(send(replica, "GET", "/events/" + eventId, null, null, null).body())
					.contains(eventId)
					.contains("\"status\":\"started\""));
		}
	}

	private Map<String, String> smsInbound(String sender, String messageId) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("msisdn", sender);
		parameters.put("to", "447700900000");
		parameters.put("messageId", messageId);
		parameters.put("text", "Yes & see you at 8");
		parameters.put("type", "text");
		parameters.put("keyword", "YES");
		parameters.put("message-timestamp", "2026-11-23 10:17:11");
		parameters.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
		parameters.put("nonce", UUID.randomUUID().toString());
		parameters.put("sig", VonageSigning.smsSig(parameters, VonageSigning.SECRET, "md5hash"));
		return parameters;
	}

	private static String speechInput(String callUuid, String text) {
		return """
				{"uuid":"%s","conversation_uuid":"CON-1","timestamp":"%s","dtmf":{"digits":null,"timed_out":false},
				 "speech":{"timeout_reason":"end_on_silence_timeout","results":[{"confidence":"0.9","text":"%s"}]}}"""
			.formatted(callUuid, Instant.now(), text);
	}

	private static String silentInput(String callUuid) {
		return """
				{"uuid":"%s","conversation_uuid":"CON-1","timestamp":"%s","dtmf":{"digits":null,"timed_out":true},
				 "speech":{"timeout_reason":"start_timeout"}}""".formatted(callUuid, Instant.now());
	}

	private static Map<String, String> query(URI url) {
		return UriComponentsBuilder.fromUri(url).build().getQueryParams().toSingleValueMap();
	}

	private static String voiceStatus(String callUuid, String status) {
		return """
				{"from":"447700900000","to":"14155550123","uuid":"%s","conversation_uuid":"CON-1",
				 "status":"%s","direction":"outbound","timestamp":"%s"}""".formatted(callUuid, status, Instant.now());
	}

	private static String form(Map<String, String> parameters) {
		return parameters.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private double received(String source, String outcome) {
		var counter = this.ingest.getBean(MeterRegistry.class)
			.find("telephony.webhooks.received")
			.tags("event.type", source, "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double rejected(String source, String reason) {
		var counter = this.ingest.getBean(MeterRegistry.class)
			.find("telephony.webhooks.signature.rejected")
			.tags("event.type", source, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return send("POST", path, body, VonageSigning.bearer(body), "application/json");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send("GET", path, null, null, null);
	}

	private HttpResponse<String> send(String method, String path, String body, String authorization, String contentType)
			throws IOException, InterruptedException {
		return send(this.ingest, method, path, body, authorization, contentType);
	}

	static HttpResponse<String> send(ConfigurableApplicationContext app, String method, String path, String body,
			String authorization, String contentType) throws IOException, InterruptedException {
		int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Records with this key, waiting until there is at least one. */
	private List<ConsumerRecord<String, String>> recordsKeyed(String key) {
		return await().until(() -> recordsKeyedNow(key), (found) -> !found.isEmpty());
	}

	private List<ConsumerRecord<String, String>> recordsKeyedNow(String key) {
		return eventRecords().stream().filter((record) -> key.equals(record.key())).toList();
	}

	private List<ConsumerRecord<String, String>> eventRecords() {
		return eventRecords(this.bootstrapServers);
	}

	static List<ConsumerRecord<String, String>> eventRecords(String bootstrapServers) {
		return TopicReader.allStrings(bootstrapServers, Topics.EVENTS);
	}

	static String header(ConsumerRecord<?, ?> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
