package dev.telephony.ingest.sms;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.telephony.ingest.publishing.EventPublisher;
import dev.telephony.ingest.publishing.Fields;
import dev.telephony.ingest.publishing.RawWebhook;
import dev.telephony.ingest.signatures.SmsSignatureVerifier;
import dev.telephony.ingest.publishing.WebhookProperties;
import dev.telephony.schemas.Event;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * SMS API webhooks: inbound messages and delivery receipts, in each of the account's
 * three formats (vonage-api.md §3.5): GET query, POST form and POST JSON.
 */
@RestController
@RequestMapping(path = "/webhooks/sms", consumes = MediaType.ALL_VALUE,
		method = { RequestMethod.GET, RequestMethod.POST })
class SmsWebhookController {

	/** Put in webhook URLs by us, not by Vonage: perhaps not covered by {@code sig}. */
	private static final List<String> OUR_PARAMETERS = List.of("cid");

	private final JsonMapper json;

	private final EventPublisher publisher;

	private final SmsSignatureVerifier signatures;

	private final Clock clock;

	private final long maxBodyBytes;

	SmsWebhookController(JsonMapper json, EventPublisher publisher, SmsSignatureVerifier signatures, Clock clock,
			WebhookProperties properties) {
		this.json = json;
		this.publisher = publisher;
		this.signatures = signatures;
		this.clock = clock;
		this.maxBodyBytes = properties.maxBodySize().toBytes();
	}

	@RequestMapping("/inbound")
	ResponseEntity<Void> inbound(HttpServletRequest request) {
		RawWebhook webhook = RawWebhook.read(SmsWebhookMapper.INBOUND_SOURCE, request, this.maxBodyBytes);
		Map<String, String> parameters = verifiedParameters(webhook);
		return publish(webhook, SmsWebhookMapper.inbound(parameters, raw(webhook, parameters), commandId(webhook),
				this.clock.instant()));
	}

	@RequestMapping("/delivery-receipt")
	ResponseEntity<Void> deliveryReceipt(HttpServletRequest request) {
		RawWebhook webhook = RawWebhook.read(SmsWebhookMapper.RECEIPT_SOURCE, request, this.maxBodyBytes);
		Map<String, String> parameters = verifiedParameters(webhook);
		return publish(webhook, SmsWebhookMapper.deliveryReceipt(parameters, raw(webhook, parameters),
				commandId(webhook), this.clock.instant()));
	}

	/** The webhook's parameters, wherever the account's format puts them. */
	private Map<String, String> verifiedParameters(RawWebhook webhook) {
		Map<String, String> parameters;
		if (webhook.isGet() || webhook.body().length == 0) {
			parameters = webhook.query();
		}
		else if (webhook.hasFormBody()) {
			parameters = RawWebhook.parseForm(webhook.bodyText());
		}
		else {
			parameters = flatten(webhook.jsonObject(this.json));
		}
		this.signatures.verify(webhook.source(), parameters, OUR_PARAMETERS);
		return parameters;
	}

	private static Map<String, String> flatten(ObjectNode body) {
		Map<String, String> parameters = new LinkedHashMap<>();
		body.properties()
			.forEach((field) -> parameters.put(field.getKey(),
					field.getValue().isValueNode() ? field.getValue().asString() : field.getValue().toString()));
		return parameters;
	}

	/** What {@code ProviderEventUnclassified} keeps: the JSON as sent, else as JSON. */
	private String raw(RawWebhook webhook, Map<String, String> parameters) {
		if (!webhook.isGet() && webhook.body().length > 0 && !webhook.hasFormBody()) {
			return webhook.bodyText();
		}
		return this.json.writeValueAsString(parameters);
	}

	private static UUID commandId(RawWebhook webhook) {
		return Fields.uuid(webhook.queryParameter("cid"));
	}

	private ResponseEntity<Void> publish(RawWebhook webhook, Event event) {
		this.publisher.publishWebhookEvent(webhook.source(), event);
		return ResponseEntity.ok().build();
	}

}
