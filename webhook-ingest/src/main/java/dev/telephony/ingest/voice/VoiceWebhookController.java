package dev.telephony.ingest.voice;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import dev.telephony.ingest.publishing.EventPublisher;
import dev.telephony.ingest.publishing.Fields;
import dev.telephony.ingest.publishing.RawWebhook;
import dev.telephony.ingest.signatures.VonageJwtVerifier;
import dev.telephony.ingest.publishing.WebhookProperties;
import dev.telephony.schemas.CallInputReceived;
import dev.telephony.schemas.Event;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Voice API webhooks. Call status and input results share the event URL (the dispatcher
 * sets both to it, with {@code ?cid=}); the answer URL is asked what to do with inbound
 * calls. Each is answered only once its event is in Kafka.
 */
@RestController
@RequestMapping(consumes = MediaType.ALL_VALUE)
class VoiceWebhookController {

	/**
	 * Our numbers do not take calls: the caller hears this and the call ends. The
	 * {@link dev.telephony.schemas.InboundCall} event still tells the gateway someone
	 * rang.
	 */
	static final String DECLINE_NCCO = """
			[{"action":"talk","text":"Sorry, this number does not take calls. Please send a text message instead. Goodbye."}]""";

	private final JsonMapper json;

	private final EventPublisher publisher;

	private final VonageJwtVerifier signatures;

	private final Clock clock;

	/** Parameters of ours in webhook URLs, not Vonage's (ADR 8). */
	private static final Set<String> OUR_PARAMETERS = Set.of("cid", "conv", "idle", "held", "lang");

	private final long maxBodyBytes;

	private final String idleGoodbye;

	VoiceWebhookController(JsonMapper json, EventPublisher publisher, VonageJwtVerifier signatures, Clock clock,
			WebhookProperties properties, ConversationProperties conversation) {
		this.json = json;
		this.publisher = publisher;
		this.signatures = signatures;
		this.clock = clock;
		this.maxBodyBytes = properties.maxBodySize().toBytes();
		this.idleGoodbye = conversation.idleGoodbye();
	}

	/**
	 * Status and input events, and the original's {@code POST /event}. An input event is
	 * answered with an empty body, so the call goes on with the rest of its NCCO; in a
	 * conversation it is answered with a hold that keeps listening, or with a goodbye
	 * once the hold has lasted the idle limit.
	 */
	@RequestMapping(path = "/webhooks/voice/event", method = { RequestMethod.GET, RequestMethod.POST })
	ResponseEntity<String> event(HttpServletRequest request) {
		RawWebhook webhook = verified(VoiceEventMapper.EVENT_SOURCE, request);
		Payload payload = payload(webhook);
		Instant now = this.clock.instant();
		UUID commandId = commandId(webhook);
		ConversationHold hold = ConversationHold.of(webhook,
				ServletUriComponentsBuilder.fromRequest(request).build().toUri(), now);
		Event event = VoiceEventMapper.map(payload.body(), payload.raw(), commandId, now,
				(hold != null) ? hold.heldSinceForEvent() : null);
		this.publisher.publishWebhookEvent(webhook.source(), event);
		if (hold == null || !(event instanceof CallInputReceived input)) {
			return ResponseEntity.ok().build();
		}
		if (hold.expiredAt(now)) {
			// Durable before the callee hears it, so the transcript says why the call
			// ended even if this answer is lost.
			this.publisher.publishWebhookEvent(webhook.source(),
					hold.ended(input.callUuid(), commandId, this.idleGoodbye, now));
			return script(hold.goodbyeScript(this.json, this.idleGoodbye));
		}
		return script(hold.holdScript(this.json, now));
	}

	/** The original's event URL; {@code GET /event} is the read API's. */
	@PostMapping("/event")
	ResponseEntity<String> originalEvent(HttpServletRequest request) {
		return event(request);
	}

	@RequestMapping(path = "/webhooks/voice/answer", method = { RequestMethod.GET, RequestMethod.POST })
	ResponseEntity<String> answer(HttpServletRequest request) {
		RawWebhook webhook = verified(InboundCallMapper.ANSWER_SOURCE, request);
		Payload payload = payload(webhook);
		Event event = InboundCallMapper.map(payload.body(), payload.raw(), commandId(webhook), this.clock.instant());
		this.publisher.publishWebhookEvent(webhook.source(), event);
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(DECLINE_NCCO);
	}

	private static ResponseEntity<String> script(String ncco) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ncco);
	}

	private RawWebhook verified(String source, HttpServletRequest request) {
		RawWebhook webhook = RawWebhook.read(source, request, this.maxBodyBytes);
		this.signatures.verify(webhook);
		return webhook;
	}

	/**
	 * A POST webhook's JSON body; a GET webhook's query parameters as a JSON object, less
	 * the parameters that are ours, not Vonage's.
	 */
	private Payload payload(RawWebhook webhook) {
		if (!webhook.isGet()) {
			ObjectNode body = webhook.jsonObject(this.json);
			return new Payload(body, webhook.bodyText());
		}
		ObjectNode body = this.json.createObjectNode();
		webhook.query().forEach((name, value) -> {
			if (!OUR_PARAMETERS.contains(name)) {
				body.put(name, value);
			}
		});
		return new Payload(body, this.json.writeValueAsString(body));
	}

	private static UUID commandId(RawWebhook webhook) {
		return Fields.uuid(webhook.queryParameter("cid"));
	}

	private record Payload(ObjectNode body, String raw) {

	}

}
