package dev.telephony.dispatcher.vonage;

import dev.telephony.schemas.Command;
import dev.telephony.schemas.PlaceCall;

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

	/**
	 * The input action's URL in a conversation: besides {@code cid} it tells ingest to
	 * answer with a hold, how long that hold may last and in which language (ADR 8).
	 */
	String conversationInput(Command command, PlaceCall.Conversation conversation, String language) {
		UriComponentsBuilder url = builder("/webhooks/voice/event", command).queryParam("conv", 1)
			.queryParam("idle", conversation.idleSeconds());
		if (language != null) {
			url.queryParam("lang", language);
		}
		return url.toUriString();
	}

	private String url(String path, Command command) {
		return builder(path, command).toUriString();
	}

	private UriComponentsBuilder builder(String path, Command command) {
		return UriComponentsBuilder.fromUri(this.properties.callbackBaseUrl())
			.path(path)
			.queryParam("cid", command.commandId());
	}

}
