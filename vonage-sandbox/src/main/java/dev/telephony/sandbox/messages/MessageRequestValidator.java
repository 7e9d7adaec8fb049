package dev.telephony.sandbox.messages;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.telephony.sandbox.problems.ApiProblemException;
import dev.telephony.sandbox.problems.InvalidParameter;
import dev.telephony.sandbox.webhooks.WebhookUrls;

/**
 * Applies the Messages API rules for the SMS channel, naming offending fields as they are
 * named in the request JSON.
 */
final class MessageRequestValidator {

	private static final Set<String> OTHER_CHANNELS = Set.of("mms", "rcs", "whatsapp", "messenger", "viber_service");

	private static final Pattern E164 = Pattern.compile("[1-9][0-9]{6,14}");

	// A number, or an alphanumeric sender id of at most 11 characters.
	private static final Pattern SENDER = Pattern.compile("[0-9]{1,15}|[A-Za-z0-9 ]{1,11}");

	private static final int MAX_TEXT = 3200;

	private static final int MAX_CLIENT_REF = 100;

	private MessageRequestValidator() {
	}

	/**
	 * Checks a request for the SMS channel.
	 * @param request the parsed body
	 * @return the valid request as an SMS
	 * @throws ApiProblemException with status 422 if the request is not acceptable
	 */
	static Sms validate(MessageRequest request) {
		List<InvalidParameter> invalid = new ArrayList<>();
		String channel = request.channel();
		if (channel != null && OTHER_CHANNELS.contains(channel)) {
			throw ApiProblemException.unsupportedChannel(channel);
		}
		if (isBlank(channel)) {
			invalid.add(new InvalidParameter("channel", "is required"));
		}
		else if (!"sms".equals(channel)) {
			invalid.add(new InvalidParameter("channel",
					"must be one of sms, mms, rcs, whatsapp, messenger, viber_service"));
		}
		if (isBlank(request.messageType())) {
			invalid.add(new InvalidParameter("message_type", "is required"));
		}
		else if (!"text".equals(request.messageType())) {
			invalid.add(new InvalidParameter("message_type", "must be text for the sms channel"));
		}
		if (isBlank(request.to())) {
			invalid.add(new InvalidParameter("to", "is required"));
		}
		else if (!E164.matcher(request.to()).matches()) {
			invalid.add(new InvalidParameter("to", "must be an E.164 number of 7 to 15 digits without a leading +"));
		}
		if (isBlank(request.from())) {
			invalid.add(new InvalidParameter("from", "is required"));
		}
		else if (!SENDER.matcher(request.from()).matches()) {
			invalid.add(new InvalidParameter("from",
					"must be a number of up to 15 digits or an alphanumeric sender id of up to 11 characters"));
		}
		if (request.text() == null || request.text().isEmpty()) {
			invalid.add(new InvalidParameter("text", "is required"));
		}
		else if (request.text().length() > MAX_TEXT) {
			invalid.add(new InvalidParameter("text", "must be at most " + MAX_TEXT + " characters"));
		}
		if (request.clientRef() != null && request.clientRef().length() > MAX_CLIENT_REF) {
			invalid.add(new InvalidParameter("client_ref", "must be at most " + MAX_CLIENT_REF + " characters"));
		}
		URI webhookUrl = webhookUrl(request.webhookUrl(), invalid);
		if (request.webhookVersion() != null && !Set.of("v0.1", "v1").contains(request.webhookVersion())) {
			invalid.add(new InvalidParameter("webhook_version", "must be v0.1 or v1"));
		}
		if (request.ttl() != null && (request.ttl() < 20 || request.ttl() > 604800)) {
			invalid.add(new InvalidParameter("ttl", "must be between 20 and 604800 seconds"));
		}
		if (!invalid.isEmpty()) {
			throw ApiProblemException.invalidParameters(invalid);
		}
		return new Sms(request.to(), request.from(), request.text(), request.clientRef(), webhookUrl);
	}

	private static URI webhookUrl(String value, List<InvalidParameter> invalid) {
		if (value == null) {
			return null;
		}
		try {
			URI uri = new URI(value);
			if (WebhookUrls.isHttpUrl(uri)) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// reported below like any other unusable URL
		}
		invalid.add(new InvalidParameter("webhook_url", "must be an absolute http or https URL"));
		return null;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	record Sms(String to, String from, String text, String clientRef, URI webhookUrl) {
	}

}
