package dev.telephony.dispatcher.vonage;

import java.time.Instant;

import com.vonage.client.messages.MessageResponse;
import com.vonage.client.messages.MessagesClient;
import com.vonage.client.messages.sms.SmsTextRequest;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.SendSms;

import org.springframework.stereotype.Component;

/**
 * Sends SMS through the Messages API. The legacy SMS API answers 200 for most errors and
 * hides throttling in the body; the Messages API reports them as HTTP statuses.
 */
@Component
public class VonageSms {

	/** Operation tag of the provider request metrics. */
	static final String SEND_SMS = "send_sms";

	private final MessagesClient messages;

	private final WebhookUrls webhookUrls;

	private final ProviderRequests requests;

	VonageSms(MessagesClient messages, WebhookUrls webhookUrls, ProviderRequests requests) {
		this.messages = messages;
		this.webhookUrls = webhookUrls;
		this.requests = requests;
	}

	/** Send once and describe what happened; never throws for provider errors. */
	public ProviderOutcome send(SendSms command) {
		return this.requests.timed(SEND_SMS, command, this::call);
	}

	private ProviderOutcome call(SendSms command) {
		Instant now = Instant.now();
		try {
			SmsTextRequest request = SmsTextRequest.builder()
				.from(command.from())
				.to(command.to())
				.text(command.text())
				.clientRef(command.commandId().toString())
				.webhookUrl(this.webhookUrls.messageStatus(command))
				.build();
			MessageResponse response = this.messages.sendMessage(request);
			return new ProviderOutcome("success", new CommandAccepted(ProviderFailures.eventId(command),
					command.commandId(), now, now, null, null, response.getMessageUuid().toString()));
		}
		catch (RuntimeException ex) {
			return ProviderFailures.of(command, ex, now, "SMS");
		}
	}

}
