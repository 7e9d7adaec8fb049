package dev.telephony.gateway.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.telephony.gateway.view.CallSnapshot;
import dev.telephony.gateway.view.Heard;
import dev.telephony.gateway.view.Turn;
import dev.telephony.schemas.SpeechResult;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * Conversation turns and transcripts in words for the model, and as structured content.
 */
final class TurnResults {

	private TurnResults() {
	}

	/** The callee's answer to a turn, with whatever they said before it was asked. */
	static CallToolResult answer(CallSnapshot call, UUID turnId) {
		Turn turn = call.turn(turnId);
		if (call.voicemailLeft() && !call.terminal()) {
			Map<String, Object> facts = facts(call);
			facts.put("status", "voicemail");
			return ToolResults.success(CallResults.machine(call) + ". The line is still open and recording: say"
					+ " more with continue_call(listen=false), or leave a closing message and hang up with"
					+ " end_call(call_uuid=\"" + call.callUuid() + "\", message=…).", facts);
		}
		if (turn == null || !turn.answered()) {
			if (call.terminal()) {
				return ended(call);
			}
			return pending(call);
		}
		StringBuilder text = new StringBuilder();
		List<Heard> meanwhile = meanwhile(call, turnId);
		if (!meanwhile.isEmpty()) {
			text.append("While you were thinking, the callee said: ").append(words(meanwhile)).append(". ");
		}
		text.append("The callee answered: ").append(words(turn.answer())).append('.');
		if (call.terminal()) {
			text.append(" The call has since ended (").append(ending(call)).append(").");
		}
		else {
			text.append(" The line is held and still listening: reply with continue_call(call_uuid=\"")
				.append(call.callUuid())
				.append("\", message=…), or say goodbye with end_call. The callee hears silence while you think.");
		}
		Map<String, Object> facts = facts(call);
		facts.put("status", call.terminal() ? "ended" : "answered");
		facts.put("turn_command_id", turnId.toString());
		facts.put("answer", heard(turn.answer()));
		if (!meanwhile.isEmpty()) {
			facts.put("said_while_waiting", heard(meanwhile));
		}
		return ToolResults.success(text.toString(), facts);
	}

	/** A line said without waiting for an answer. */
	static CallToolResult spoken(CallSnapshot call) {
		Map<String, Object> facts = facts(call);
		facts.put("status", "spoken");
		return ToolResults.success("Said. The line is held and still listening; whatever the callee says now"
				+ " comes with your next continue_call. Do not leave them waiting long.", facts);
	}

	/** Why a conversation is over, with the whole transcript. */
	static CallToolResult ended(CallSnapshot call) {
		StringBuilder text = new StringBuilder("The call to " + CallResults.plus(call.to()) + " has ended");
		text.append(" (").append(ending(call)).append(')');
		if (call.durationSeconds() != null) {
			text.append(" after ").append(call.durationSeconds()).append(" s");
		}
		text.append(".");
		String transcript = transcript(call);
		if (!transcript.isEmpty()) {
			text.append(" Transcript:\n").append(transcript);
		}
		Map<String, Object> facts = facts(call);
		facts.put("status", "ended");
		boolean byModel = "model".equals(call.endedBy());
		return byModel ? ToolResults.success(text.toString(), facts) : ToolResults.error(text.toString(), facts);
	}

	static String progress(CallSnapshot call, UUID turnId) {
		if (call.terminal()) {
			return "call ended";
		}
		Turn turn = call.turn(turnId);
		return (turn == null) ? "saying the line" : "listening for the answer";
	}

	/** The call's facts with its transcript. */
	static Map<String, Object> facts(CallSnapshot call) {
		Map<String, Object> facts = CallResults.facts(call);
		facts.put("conversation", call.conversational());
		if (!call.turns().isEmpty()) {
			facts.put("transcript", call.turns().stream().map(TurnResults::turn).toList());
		}
		if (call.endedBy() != null) {
			facts.put("ended_by", call.endedBy());
			if (call.endReason() != null) {
				facts.put("end_reason", call.endReason());
			}
			if (call.goodbye() != null) {
				facts.put("goodbye", call.goodbye());
			}
		}
		return facts;
	}

	/** The transcript, one line per thing said, or empty. */
	static String transcript(CallSnapshot call) {
		List<String> lines = new ArrayList<>();
		for (Turn turn : call.turns()) {
			if (turn.spoken() != null) {
				lines.add("  Gateway: \"" + turn.spoken() + "\"");
			}
			turn.heard()
				.stream()
				.filter(Heard::something)
				.forEach((heard) -> lines
					.add("  Callee" + (heard.duringHold() ? " (while held)" : "") + ": " + words(List.of(heard))));
		}
		if (call.goodbye() != null) {
			lines.add("  Gateway: \"" + call.goodbye() + "\"");
		}
		return String.join("\n", lines);
	}

	private static CallToolResult pending(CallSnapshot call) {
		Map<String, Object> facts = facts(call);
		facts.put("status", "pending");
		return ToolResults.success("No answer yet; the line is held and still listening, and nothing the callee says"
				+ " is lost. Call check_call_status with call_uuid=" + call.callUuid()
				+ " and wait_seconds=30 to wait for it, or continue_call to say something else.", facts);
	}

	/** What the callee said after the answer to the turn before this one. */
	private static List<Heard> meanwhile(CallSnapshot call, UUID turnId) {
		List<Turn> turns = call.turns();
		for (int i = 1; i < turns.size(); i++) {
			if (turns.get(i).commandId().equals(turnId)) {
				return turns.get(i - 1).afterAnswer();
			}
		}
		return List.of();
	}

	private static String ending(CallSnapshot call) {
		String machine = CallResults.machine(call);
		if (machine != null) {
			return machine;
		}
		if (call.endReason() != null) {
			return call.endReason();
		}
		return CallResults.reason(call);
	}

	private static String words(List<Heard> heard) {
		return heard.stream().filter(Heard::something).map(TurnResults::words).collect(Collectors.joining(", then "));
	}

	private static String words(Heard heard) {
		SpeechResult best = heard.best();
		if (best != null) {
			return "\"" + best.text() + "\""
					+ ((best.confidence() != null) ? " (confidence " + best.confidence() + ")" : "");
		}
		return "pressed " + heard.digits();
	}

	private static Map<String, Object> turn(Turn turn) {
		Map<String, Object> facts = new LinkedHashMap<>();
		if (turn.spoken() != null) {
			facts.put("said", turn.spoken());
		}
		if (turn.at() != null) {
			facts.put("at", turn.at().toString());
		}
		facts.put("heard", heard(turn.heard()));
		return facts;
	}

	private static List<Map<String, Object>> heard(List<Heard> heard) {
		return heard.stream().map((item) -> {
			Map<String, Object> facts = new LinkedHashMap<>();
			facts.put("at", item.at().toString());
			SpeechResult best = item.best();
			if (best != null) {
				facts.put("text", best.text());
				if (best.confidence() != null) {
					facts.put("confidence", best.confidence());
				}
			}
			if (item.digits() != null && !item.digits().isEmpty()) {
				facts.put("dtmf", item.digits());
			}
			if (!item.something()) {
				facts.put("silence", (item.timeoutReason() != null) ? item.timeoutReason() : "nothing heard");
			}
			facts.put("during_hold", item.duringHold());
			return facts;
		}).toList();
	}

}
