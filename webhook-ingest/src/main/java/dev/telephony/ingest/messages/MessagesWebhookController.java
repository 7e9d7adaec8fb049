package dev.telephony.ingest.messages;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;

import dev.telephony.ingest.publishing.EventPublisher;
import dev.telephony.ingest.publishing.EventPublisher.EventNotPublishedException;
import dev.telephony.schemas.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Messages API webhooks: message status and inbound messages. */
@RestController
@RequestMapping(path = "/webhooks/messages", consumes = MediaType.ALL_VALUE)
class MessagesWebhookController {

	private static final Logger logger = LoggerFactory.getLogger(MessagesWebhookController.class);

	private final JsonMapper json;

	private final EventPublisher publisher;

	private final MeterRegistry meters;

	private final long maxBodyBytes;

	MessagesWebhookController(JsonMapper json, EventPublisher publisher, MeterRegistry meters,
			@Value("${telephony.ingest.max-body-size:64KB}") DataSize maxBodySize) {
		this.json = json;
		this.publisher = publisher;
		this.meters = meters;
		this.maxBodyBytes = maxBodySize.toBytes();
	}

	@PostMapping("/status")
	ResponseEntity<?> status(@RequestBody(required = false) byte[] body,
			@RequestParam(name = "cid", required = false) String commandId) {
		return ingest(MessagesWebhookMapper.STATUS_SOURCE, body,
				(tree) -> MessagesWebhookMapper.status(tree, text(body), commandId, Instant.now()));
	}

	@PostMapping("/inbound")
	ResponseEntity<?> inbound(@RequestBody(required = false) byte[] body) {
		return ingest(MessagesWebhookMapper.INBOUND_SOURCE, body,
				(tree) -> MessagesWebhookMapper.inbound(tree, text(body), Instant.now()));
	}

	private ResponseEntity<?> ingest(String source, byte[] body, Function<JsonNode, Event> mapping) {
		if (body == null || body.length == 0) {
			return reject(source, HttpStatus.BAD_REQUEST, "The webhook has no body.");
		}
		if (body.length > this.maxBodyBytes) {
			return reject(source, HttpStatus.CONTENT_TOO_LARGE,
					"The webhook body is larger than " + this.maxBodyBytes + " bytes.");
		}
		JsonNode tree;
		try {
			tree = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return reject(source, HttpStatus.BAD_REQUEST, "The webhook body is not JSON: " + ex.getOriginalMessage());
		}
		if (!tree.isObject()) {
			return reject(source, HttpStatus.BAD_REQUEST, "The webhook body is not a JSON object.");
		}
		Event event = mapping.apply(tree);
		try {
			this.publisher.publish(event);
		}
		catch (EventNotPublishedException ex) {
			logger.warn("Refusing {} webhook, Kafka is unavailable: {}", source, ex.getCause().toString());
			count(source, "unavailable");
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The event could not be stored; send it again later.");
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, "5")
				.body(problem);
		}
		count(source, "published");
		return ResponseEntity.ok().build();
	}

	private ResponseEntity<ProblemDetail> reject(String source, HttpStatus status, String detail) {
		count(source, "invalid");
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

	private void count(String source, String outcome) {
		Counter.builder("telephony.webhooks.received")
			.description("Vonage webhooks received, by source and outcome")
			.tag("event.type", source)
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	private static String text(byte[] body) {
		return new String(body, StandardCharsets.UTF_8);
	}

}
