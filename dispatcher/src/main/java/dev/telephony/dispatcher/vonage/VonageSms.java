package dev.telephony.dispatcher.vonage;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Instant;

import com.vonage.client.VonageMethodFailedException;
import com.vonage.client.VonageResponseParseException;
import com.vonage.client.messages.MessageResponse;
import com.vonage.client.messages.MessageResponseException;
import com.vonage.client.messages.MessagesClient;
import com.vonage.client.messages.sms.SmsTextRequest;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.CommandFailed;
import dev.telephony.schemas.CommandOutcomeUnknown;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.EventIds;
import dev.telephony.schemas.SendSms;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.http.conn.ConnectTimeoutException;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends SMS through the Messages API. The legacy SMS API answers 200 for most errors and
 * hides throttling in the body; the Messages API reports them as HTTP statuses.
 */
@Component
public class VonageSms {

	private final MessagesClient messages;

	private final VonageProperties properties;

	private final MeterRegistry meters;

	VonageSms(MessagesClient messages, VonageProperties properties, MeterRegistry meters) {
		this.messages = messages;
		this.properties = properties;
		this.meters = meters;
	}

	/** Send once and describe what happened; never throws for provider errors. */
	public Event send(SendSms command) {
		Timer.Sample sample = Timer.start(this.meters);
		ProviderOutcome outcome = call(command);
		sample.stop(Timer.builder("telephony.vonage.requests")
			.description("Requests to the Vonage API, by operation and outcome")
			.tag("operation", "send_sms")
			.tag("outcome", outcome.tag())
			.register(this.meters));
		return outcome.event();
	}

	private ProviderOutcome call(SendSms command) {
		Instant now = Instant.now();
		String eventId = EventIds.of("command-outcome", command.commandId());
		SmsTextRequest request;
		try {
			request = SmsTextRequest.builder()
				.from(command.from())
				.to(command.to())
				.text(command.text())
				.clientRef(command.commandId().toString())
				.webhookUrl(statusWebhookUrl(command))
				.build();
		}
		catch (IllegalArgumentException ex) {
			// The SDK checks what Vonage would reject; nothing was sent.
			return new ProviderOutcome("invalid", new CommandFailed(eventId, command.commandId(), now, now,
					"invalid_request", "Vonage would reject this SMS: " + ex.getMessage(), 0, false));
		}
		try {
			MessageResponse response = this.messages.sendMessage(request);
			return new ProviderOutcome("success", new CommandAccepted(eventId, command.commandId(), now, now, null,
					null, response.getMessageUuid().toString()));
		}
		catch (MessageResponseException ex) {
			return new ProviderOutcome(statusClass(ex.getStatusCode()), new CommandFailed(eventId, command.commandId(),
					now, now, reasonCode(ex.getStatusCode()), ex.getMessage(), 1, false));
		}
		catch (VonageMethodFailedException ex) {
			if (neverSent(ex)) {
				return new ProviderOutcome("unreachable", new CommandFailed(eventId, command.commandId(), now, now,
						"provider_unreachable", "Vonage could not be reached: " + ex.getMessage(), 1, false));
			}
			return unknown(eventId, command, now, "The request to Vonage failed after it was sent (" + ex.getMessage()
					+ "); the SMS may or may not have been accepted.");
		}
		catch (VonageResponseParseException ex) {
			return unknown(eventId, command, now, "Vonage answered with something that is not its API's response ("
					+ ex.getMessage() + "); the SMS may or may not have been accepted.");
		}
	}

	private static ProviderOutcome unknown(String eventId, SendSms command, Instant now, String detail) {
		return new ProviderOutcome("unknown",
				new CommandOutcomeUnknown(eventId, command.commandId(), now, now, detail));
	}

	private String statusWebhookUrl(SendSms command) {
		return UriComponentsBuilder.fromUri(this.properties.callbackBaseUrl())
			.path("/webhooks/messages/status")
			.queryParam("cid", command.commandId())
			.toUriString();
	}

	/**
	 * Failures before any byte reached Vonage: safe to call failed rather than unknown.
	 */
	private static boolean neverSent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException || cause instanceof ConnectTimeoutException) {
				return true;
			}
		}
		return false;
	}

	static String reasonCode(int status) {
		return switch (status) {
			case 400, 422 -> "provider_rejected";
			case 401, 403 -> "provider_auth_failed";
			case 402 -> "provider_payment_required";
			case 429 -> "provider_rate_limited";
			default -> (status >= 500) ? "provider_error" : "provider_rejected";
		};
	}

	private static String statusClass(int status) {
		return (status == 429) ? "rate_limited" : (status >= 500) ? "server_error" : "client_error";
	}

	private record ProviderOutcome(String tag, Event event) {
	}

}
