package dev.telephony.dispatcher.vonage;

import dev.telephony.schemas.Command;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Webhook URLs handed to Vonage. Each carries the command id as {@code cid}, so that
 * ingest can tie every event back to the tool call that caused it.
 */
@Component
class WebhookUrls {

	private final VonageProperties properties;

	WebhookUrls(VonageProperties properties) {
		this.properties = properties;
	}

	String messageStatus(Command command) {
		return url("/webhooks/messages/status", command);
	}

	/**
	 * Call status events and the input action's results both go here; ingest tells them
	 * apart.
	 */
	String voiceEvent(Command command) {
		return url("/webhooks/voice/event", command);
	}

	private String url(String path, Command command) {
		return UriComponentsBuilder.fromUri(this.properties.callbackBaseUrl())
			.path(path)
			.queryParam("cid", command.commandId())
			.toUriString();
	}

}
