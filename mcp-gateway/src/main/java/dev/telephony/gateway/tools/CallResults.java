package dev.telephony.gateway.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.telephony.gateway.view.CallSnapshot;
import dev.telephony.gateway.view.MessageSnapshot;
import dev.telephony.gateway.view.Outcome;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.PlaceCall;

/** Calls and messages in words for the model, and as structured content. */
final class CallResults {

	private CallResults() {
	}

	/** Why a call ended, as a person would say it. */
	static String reason(CallSnapshot call) {
		String detail = (call.detail() != null) ? call.detail() : "";
		return switch ((call.status() != null) ? call.status() : "") {
			case "busy" -> "the line was busy";
			case "unanswered" -> "nobody answered";
			case "timeout" -> "nobody answered before the ringing timer ran out";
			case "cancelled" -> "the call was cancelled before it was answered";
			case "rejected" -> switch (detail) {
				case "invalid_number" -> "the number does not exist";
				case "restricted" -> "calls to this number are restricted";
				default -> "the callee declined the call";
			};
			case "failed" -> switch (detail) {
				case "cannot_route" -> "the call could not be routed to that number";
				case "number_out_of_service" -> "the number is out of service";
				default -> "the call failed inside Vonage";
			};
			case "completed" -> "the call ended";
			default -> "the call is " + call.status();
		};
	}

	/**
	 * Why there is no input, when the call was answered but nothing came of the
	 * listening.
	 */
	static String silence(CallSnapshot call) {
		if (call.speechError() != null) {
			return "speech recognition failed (" + call.speechError() + ")";
		}
		return switch ((call.speechTimeoutReason() != null) ? call.speechTimeoutReason() : "") {
			case "start_timeout" -> "the callee said nothing";
			case "max_duration" -> "the callee spoke past the maximum duration";
			default -> Boolean.TRUE.equals(call.dtmfTimedOut()) ? "the callee pressed no keys" : "nothing was heard";
		};
	}

	/** A failed outcome in words. */
	static String failure(Outcome outcome) {
		return switch (outcome.kind()) {
			case "expired" -> "it expired before it could be sent; nothing was sent, so it is safe to try again";
			case "unknown" ->
				"it is unknown whether it reached Vonage: " + outcome.detail() + " Check before trying again.";
			default -> (outcome.detail() != null) ? outcome.detail() : outcome.reasonCode();
		};
	}

	/**
	 * What machine detection found, as the start of a sentence about the call, or null
	 * when a person answered or nobody looked.
	 */
	static String machine(CallSnapshot call) {
		if (!"machine".equals(call.answeredBy())) {
			return null;
		}
		if (call.voicemailLeft()) {
			return "An answering machine picked up at " + plus(call.to())
					+ "; the message was left as a voicemail after the beep";
		}
		if (PlaceCall.MACHINE_VOICEMAIL.equals(call.answeringMachine()) && "beep_timeout".equals(call.beep())) {
			return "An answering machine picked up at " + plus(call.to())
					+ ", but no beep came in time; the message was played anyway and may not have been recorded";
		}
		if (PlaceCall.MACHINE_HANGUP.equals(call.answeringMachine())) {
			return "An answering machine picked up at " + plus(call.to()) + ", so the call was hung up, as asked";
		}
		return "An answering machine picked up at " + plus(call.to());
	}

	static String progress(CallSnapshot call) {
		if (call == null || call.status() == null) {
			return "placing the call";
		}
		if (call.inputReceived()) {
			return "input received";
		}
		return switch (call.status()) {
			case "started" -> "calling";
			case "ringing" -> "ringing";
			case "answered" -> "answered, listening";
			default -> call.status();
		};
	}

	static Map<String, Object> facts(CallSnapshot call) {
		Map<String, Object> facts = new LinkedHashMap<>();
		put(facts, "command_id", call.commandId());
		put(facts, "call_uuid", call.callUuid());
		put(facts, "conversation_uuid", call.conversationUuid());
		put(facts, "to", plus(call.to()));
		put(facts, "from", call.from());
		put(facts, "status", (call.status() != null) ? call.status() : "placing");
		facts.put("ended", call.terminal());
		facts.put("answered", call.answered());
		put(facts, "detail", call.detail());
		put(facts, "sip_code", call.sipCode());
		if (call.terminal() && !"completed".equals(call.status())) {
			facts.put("reason", reason(call));
		}
		if (call.outcome() != null && !call.outcome().accepted()) {
			facts.put("reason", failure(call.outcome()));
		}
		if (call.inputReceived()) {
			facts.put("speech",
					call.speech()
						.stream()
						.map((result) -> Map.<String, Object>of("text", result.text(), "confidence",
								(result.confidence() != null) ? result.confidence() : 0.0))
						.toList());
			put(facts, "speech_timeout_reason", call.speechTimeoutReason());
			put(facts, "dtmf_digits", call.dtmfDigits());
			put(facts, "dtmf_timed_out", call.dtmfTimedOut());
		}
		put(facts, "answered_by", call.answeredBy());
		if (PlaceCall.MACHINE_VOICEMAIL.equals(call.answeringMachine()) && call.terminal()) {
			facts.put("voicemail_left", call.voicemailLeft());
		}
		put(facts, "duration_seconds", call.durationSeconds());
		put(facts, "price", (call.price() != null) ? call.price().toPlainString() : null);
		put(facts, "rate", (call.rate() != null) ? call.rate().toPlainString() : null);
		put(facts, "start_time", call.startTime());
		put(facts, "end_time", call.endTime());
		put(facts, "created_at", call.createdAt());
		facts.put("history", call.history()
			.stream()
			.map((change) -> Map.<String, Object>of("status", change.status(), "at", String.valueOf(change.at())))
			.toList());
		return facts;
	}

	static Map<String, Object> facts(MessageSnapshot message) {
		Map<String, Object> facts = new LinkedHashMap<>();
		put(facts, "command_id", message.commandId());
		put(facts, "message_uuid", message.messageUuid());
		put(facts, "to", plus(message.to()));
		put(facts, "from", message.from());
		put(facts, "delivery_status", message.status());
		put(facts, "error_code", message.errorCode());
		put(facts, "error_detail", message.errorDetail());
		put(facts, "reply", message.replyText());
		put(facts, "replied_at", message.repliedAt());
		return facts;
	}

	/** A command sent, or tried, for a result that knows nothing more of it yet. */
	static Map<String, Object> facts(Command command, String status) {
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("status", status);
		put(facts, "command_id", command.commandId());
		put(facts, "to", plus(command.to()));
		put(facts, "from", command.from());
		return facts;
	}

	/** One line per call, for lists. */
	static String line(CallSnapshot call) {
		String line = call.callUuid() + " to " + plus(call.to()) + ": "
				+ ((call.status() != null) ? call.status() : "placing");
		if (call.terminal() && !"completed".equals(call.status())) {
			line += " (" + reason(call) + ")";
		}
		return line;
	}

	static List<Map<String, Object>> facts(List<CallSnapshot> calls) {
		return calls.stream().map(CallResults::facts).toList();
	}

	static String plus(String digits) {
		return (digits == null || digits.isEmpty() || !Character.isDigit(digits.charAt(0))) ? digits : "+" + digits;
	}

	private static void put(Map<String, Object> facts, String key, Object value) {
		if (value != null) {
			facts.put(key, (value instanceof String || value instanceof Number || value instanceof Boolean) ? value
					: value.toString());
		}
	}

}
