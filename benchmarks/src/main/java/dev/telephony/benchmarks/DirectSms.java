package dev.telephony.benchmarks;

import java.nio.file.Path;
import java.util.UUID;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.messages.MessagesClient;
import com.vonage.client.messages.sms.SmsTextRequest;

/**
 * Sends one SMS through the Messages API with the Vonage Java SDK, the way the
 * dispatcher's VonageSms does (same builder calls, same client settings), for the
 * baseline server and for the harness's direct provider calls.
 */
final class DirectSms {

	private final MessagesClient messages;

	private final String callbackBaseUrl;

	DirectSms(String applicationId, Path privateKey, String apiBaseUrl, String callbackBaseUrl) {
		HttpConfig http = HttpConfig.builder().apiBaseUri(apiBaseUrl).timeoutMillis(10_000).build();
		VonageClient client = VonageClient.builder()
			.applicationId(applicationId)
			.privateKeyPath(privateKey)
			.httpConfig(http)
			.build();
		this.messages = client.getMessagesClient();
		this.callbackBaseUrl = callbackBaseUrl;
	}

	/**
	 * Sends it and returns Vonage's message UUID; throws what the SDK throws.
	 * @param from sender, digits or alphanumeric
	 * @param to recipient digits, no plus
	 * @param text the message
	 * @return the message UUID
	 */
	String send(String from, String to, String text) {
		UUID reference = UUID.randomUUID();
		SmsTextRequest request = SmsTextRequest.builder()
			.from(from)
			.to(to)
			.text(text)
			.clientRef(reference.toString())
			.webhookUrl(this.callbackBaseUrl + "/webhooks/messages/status?cid=" + reference)
			.build();
		return this.messages.sendMessage(request).getMessageUuid().toString();
	}

}
