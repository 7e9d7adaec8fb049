package dev.telephony.ingest.messages;

import java.time.Clock;
import java.time.Instant;

import dev.telephony.ingest.publishing.EventPublisher;
import dev.telephony.ingest.publishing.RawWebhook;
import dev.telephony.ingest.signatures.VonageJwtVerifier;
import dev.telephony.ingest.publishing.WebhookProperties;
import dev.telephony.schemas.Event;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Messages API webhooks: message status and inbound messages. Answered 200 only once the
 * event is in Kafka.
 */
@RestController
@RequestMapping(path = "/webhooks/messages", consumes = MediaType.ALL_VALUE)
class MessagesWebhookController {

	private final JsonMapper json;

	private final EventPublisher publisher;

	private final VonageJwtVerifier signatures;

	private final Clock clock;

	private final long maxBodyBytes;

	MessagesWebhookController(JsonMapper json, EventPublisher publisher, VonageJwtVerifier signatures, Clock clock,
			WebhookProperties properties) {
		this.json = json;
		this.publisher = publisher;
		this.signatures = signatures;
		this.clock = clock;
		this.maxBodyBytes = properties.maxBodySize().toBytes();
	}

	@PostMapping("/status")
	ResponseEntity<Void> status(HttpServletRequest request) {
		RawWebhook webhook = verified(MessagesWebhookMapper.STATUS_SOURCE, request);
		ObjectNode body = webhook.jsonObject(this.json);
		return publish(webhook, MessagesWebhookMapper.status(body, webhook.bodyText(), webhook.queryParameter("cid"),
				this.clock.instant()));
	}

	@PostMapping("/inbound")
	ResponseEntity<Void> inbound(HttpServletRequest request) {
		RawWebhook webhook = verified(MessagesWebhookMapper.INBOUND_SOURCE, request);
		ObjectNode body = webhook.jsonObject(this.json);
		Instant receivedAt = this.clock.instant();
		return publish(webhook,
				MessagesWebhookMapper.inbound(body, webhook.bodyText(), webhook.queryParameter("cid"), receivedAt));
	}

	private RawWebhook verified(String source, HttpServletRequest request) {
		RawWebhook webhook = RawWebhook.read(source, request, this.maxBodyBytes);
		this.signatures.verify(webhook);
		return webhook;
	}

	private ResponseEntity<Void> publish(RawWebhook webhook, Event event) {
		this.publisher.publishWebhookEvent(webhook.source(), event);
		return ResponseEntity.ok().build();
	}

}
