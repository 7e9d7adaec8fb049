package dev.telephony.sandbox.voice;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.telephony.sandbox.problems.ApiProblemException;
import dev.telephony.sandbox.problems.InvalidParameter;
import dev.telephony.sandbox.webhooks.WebhookUrls;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Applies the Voice API rules to a create-call request, naming offending fields as in the
 * request JSON. Vonage answers these with 400 (exact bodies unconfirmed).
 */
final class CallRequestValidator {

	/** Used when the request asks for {@code random_from_number}. */
	static final String RANDOM_FROM_NUMBER = "14155550100";

	private static final Pattern E164 = Pattern.compile("[1-9][0-9]{6,14}");

	private static final Pattern FROM = Pattern.compile("[0-9]{1,15}");

	private static final Set<String> ACTIONS = Set.of("talk", "input", "stream", "record", "connect", "conversation",
			"notify");

	private static final Set<String> OTHER_ENDPOINTS = Set.of("sip", "websocket", "vbc", "app");

	private CallRequestValidator() {
	}

	static CallSpec validate(JsonNode body) {
		if (!body.isObject()) {
			throw ApiProblemException.badRequest("The request body must be a JSON object.", List.of());
		}
		List<InvalidParameter> invalid = new ArrayList<>();
		String to = to(body.get("to"), invalid);
		String from = from(body, invalid);
		ArrayNode ncco = null;
		URI answerUrl = null;
		boolean hasNcco = present(body, "ncco");
		boolean hasAnswerUrl = present(body, "answer_url");
		if (hasNcco == hasAnswerUrl) {
			invalid.add(new InvalidParameter("ncco", "exactly one of ncco and answer_url is required"));
		}
		else if (hasNcco) {
			ncco = ncco(body.get("ncco"), "ncco", invalid);
		}
		else {
			answerUrl = urlArray(body.get("answer_url"), "answer_url", invalid);
		}
		String answerMethod = method(body, "answer_method", "GET", invalid);
		URI eventUrl = present(body, "event_url") ? urlArray(body.get("event_url"), "event_url", invalid) : null;
		String eventMethod = method(body, "event_method", "POST", invalid);
		int ringingTimer = integer(body, "ringing_timer", 60, 1, 120, invalid);
		int lengthTimer = integer(body, "length_timer", 7200, 1, 86400, invalid);
		String machineDetection = null;
		if (present(body, "machine_detection")) {
			machineDetection = body.get("machine_detection").asString("");
			if (!Set.of("continue", "hangup").contains(machineDetection)) {
				invalid.add(new InvalidParameter("machine_detection", "must be continue or hangup"));
			}
		}
		CallSpec.MachineDetection advanced = present(body, "advanced_machine_detection")
				? advancedMachineDetection(body.get("advanced_machine_detection"), invalid) : null;
		if (!invalid.isEmpty()) {
			throw ApiProblemException.badRequest("The request failed due to validation errors.", invalid);
		}
		return new CallSpec(to, from, ncco, answerUrl, answerMethod, eventUrl, eventMethod, ringingTimer, lengthTimer,
				machineDetection, advanced);
	}

	// Vonage's defaults: behavior continue, mode detect, beep_timeout 45.
	private static CallSpec.@Nullable MachineDetection advancedMachineDetection(JsonNode node,
			List<InvalidParameter> invalid) {
		String name = "advanced_machine_detection";
		if (!node.isObject()) {
			invalid.add(new InvalidParameter(name, "must be an object"));
			return null;
		}
		String behavior = node.path("behavior").asString("continue");
		if (!Set.of("continue", "hangup").contains(behavior)) {
			invalid.add(new InvalidParameter(name + ".behavior", "must be continue or hangup"));
		}
		String mode = node.path("mode").asString("detect");
		if (!Set.of("detect", "detect_beep", "default").contains(mode)) {
			invalid.add(new InvalidParameter(name + ".mode", "must be detect, detect_beep or default"));
		}
		int beepTimeout = CallSpec.MachineDetection.DEFAULT_BEEP_TIMEOUT;
		if (present(node, "beep_timeout")) {
			JsonNode value = node.get("beep_timeout");
			if (!value.isIntegralNumber() || value.asInt() < 45 || value.asInt() > 120) {
				invalid.add(new InvalidParameter(name + ".beep_timeout", "must be an integer from 45 to 120"));
			}
			else {
				beepTimeout = value.asInt();
			}
		}
		return new CallSpec.MachineDetection(behavior, mode, beepTimeout);
	}

	/**
	 * Checks an NCCO given by the caller (request, transfer, webhook answer).
	 * @param node the NCCO
	 * @param name its name in the request, for error messages
	 * @param invalid collects what is wrong
	 * @return the NCCO, or {@code null} if it is not even an array
	 */
	static @Nullable ArrayNode ncco(@Nullable JsonNode node, String name, List<InvalidParameter> invalid) {
		if (node == null || !node.isArray() || node.isEmpty()) {
			invalid.add(new InvalidParameter(name, "must be a non-empty array of NCCO actions"));
			return null;
		}
		for (int i = 0; i < node.size(); i++) {
			JsonNode action = node.get(i);
			String at = name + "[" + i + "]";
			String kind = action.path("action").asString("");
			if (!ACTIONS.contains(kind)) {
				invalid.add(new InvalidParameter(at + ".action", "must be one of " + String.join(", ", ACTIONS)));
				continue;
			}
			if ("talk".equals(kind) && action.path("text").asString("").isEmpty()) {
				invalid.add(new InvalidParameter(at + ".text", "is required"));
			}
			if ("talk".equals(kind) && action.has("bargeIn")) {
				if (!action.get("bargeIn").isBoolean()) {
					invalid.add(new InvalidParameter(at + ".bargeIn", "must be a boolean"));
				}
				else if (action.get("bargeIn").asBoolean() && !inputFollows(node, i)) {
					invalid.add(new InvalidParameter(at + ".bargeIn",
							"a bargeIn talk must be followed by an input action (after any talk actions)"));
				}
			}
			if ("input".equals(kind)) {
				JsonNode type = action.get("type");
				boolean valid = type != null && type.isArray() && !type.isEmpty();
				if (valid) {
					for (JsonNode value : type) {
						valid &= Set.of("dtmf", "speech").contains(value.asString(""));
					}
				}
				if (!valid) {
					invalid.add(new InvalidParameter(at + ".type", "must be an array of dtmf and/or speech"));
				}
			}
			if ("notify".equals(kind) && !action.has("payload")) {
				invalid.add(new InvalidParameter(at + ".payload", "is required"));
			}
			if (action.has("eventUrl")) {
				urlArray(action.get("eventUrl"), at + ".eventUrl", invalid);
			}
			else if ("notify".equals(kind)) {
				invalid.add(new InvalidParameter(at + ".eventUrl", "is required"));
			}
		}
		return (ArrayNode) node;
	}

	// Vonage: after a bargeIn talk the next non-talk action must be an input. Whether it
	// accepts a bargeIn talk with nothing after it is unconfirmed; the sandbox does not.
	private static boolean inputFollows(JsonNode ncco, int talk) {
		for (int i = talk + 1; i < ncco.size(); i++) {
			String kind = ncco.get(i).path("action").asString("");
			if (!"talk".equals(kind)) {
				return "input".equals(kind);
			}
		}
		return false;
	}

	private static String to(@Nullable JsonNode node, List<InvalidParameter> invalid) {
		if (node == null || !node.isArray() || node.size() != 1) {
			invalid.add(new InvalidParameter("to", "must be an array of one endpoint"));
			return "";
		}
		JsonNode endpoint = node.get(0);
		String type = endpoint.path("type").asString("phone");
		if (OTHER_ENDPOINTS.contains(type)) {
			invalid.add(new InvalidParameter("to[0].type", "only phone endpoints are simulated by the sandbox"));
			return "";
		}
		String number = endpoint.path("number").asString("");
		if (!"phone".equals(type) || !E164.matcher(number).matches()) {
			invalid.add(new InvalidParameter("to[0].number",
					"must be an E.164 number of 7 to 15 digits without a leading +"));
		}
		return number;
	}

	private static String from(JsonNode body, List<InvalidParameter> invalid) {
		boolean random = body.path("random_from_number").asBoolean(false);
		JsonNode from = body.get("from");
		if (from != null && !from.isNull() && random) {
			invalid.add(new InvalidParameter("from", "must not be given with random_from_number"));
			return "";
		}
		if (random) {
			return RANDOM_FROM_NUMBER;
		}
		if (from == null || !from.isObject()) {
			invalid.add(new InvalidParameter("from", "is required unless random_from_number is true"));
			return "";
		}
		String number = from.path("number").asString("");
		if (!FROM.matcher(number).matches()) {
			invalid.add(new InvalidParameter("from.number", "must be a number of up to 15 digits"));
		}
		return number;
	}

	private static @Nullable URI urlArray(@Nullable JsonNode node, String name, List<InvalidParameter> invalid) {
		if (node != null && node.isArray() && node.size() == 1 && node.get(0).isString()) {
			try {
				URI uri = new URI(node.get(0).asString());
				if (WebhookUrls.isHttpUrl(uri)) {
					return uri;
				}
			}
			catch (URISyntaxException ex) {
				// reported below like any other unusable URL
			}
		}
		invalid.add(new InvalidParameter(name, "must be an array of one absolute http or https URL"));
		return null;
	}

	private static String method(JsonNode body, String name, String fallback, List<InvalidParameter> invalid) {
		if (!present(body, name)) {
			return fallback;
		}
		String method = body.get(name).asString("");
		if (!Set.of("GET", "POST").contains(method)) {
			invalid.add(new InvalidParameter(name, "must be GET or POST"));
			return fallback;
		}
		return method;
	}

	private static int integer(JsonNode body, String name, int fallback, int min, int max,
			List<InvalidParameter> invalid) {
		if (!present(body, name)) {
			return fallback;
		}
		JsonNode value = body.get(name);
		if (!value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
			invalid.add(new InvalidParameter(name, "must be an integer from " + min + " to " + max));
			return fallback;
		}
		return value.asInt();
	}

	private static boolean present(JsonNode body, String name) {
		return body.has(name) && !body.get(name).isNull();
	}

}
