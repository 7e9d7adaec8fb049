package dev.telephony.gateway.tools;

import java.util.Map;

import dev.telephony.gateway.view.CallSnapshot;
import dev.telephony.gateway.view.Outcome;
import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.Watch;
import dev.telephony.schemas.PlaceCall;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;
import org.springframework.stereotype.Component;

/** Outbound calls: speak a message, optionally listen for the answer. */
@Component
class CallTools {

	private final ToolInputs inputs;

	private final Deadlines deadlines;

	private final TelephonyView view;

	private final ToolFlow flow;

	private final PlaceCall.Conversation conversation;

	CallTools(ToolInputs inputs, Deadlines deadlines, TelephonyView view, ToolFlow flow,
			ConversationProperties conversation) {
		this.inputs = inputs;
		this.deadlines = deadlines;
		this.view = view;
		this.flow = flow;
		this.conversation = new PlaceCall.Conversation((int) conversation.idleLimit().toSeconds());
	}

	@McpTool(name = "voice_call", description = ToolDescriptions.VOICE_CALL,
			annotations = @McpTool.McpAnnotations(title = "Place a voice call", readOnlyHint = false,
					destructiveHint = true, idempotentHint = false, openWorldHint = true))
	public CallToolResult voiceCall(@McpToolParam(description = ToolDescriptions.CALL_TO, required = true) String to,
			@McpToolParam(description = ToolDescriptions.CALL_MESSAGE, required = true) String message,
			@McpToolParam(description = ToolDescriptions.CALL_FROM, required = false) String from_,
			@McpToolParam(description = ToolDescriptions.LANGUAGE, required = false) String language,
			@McpToolParam(description = ToolDescriptions.WAIT_FOR_RESULT_CALL,
					required = false) Boolean wait_for_result,
			@McpToolParam(description = ToolDescriptions.ANSWERING_MACHINE, required = false) String answering_machine,
			McpSyncRequestContext context) {
		return this.flow.send("voice_call", context, to, message, new Call(to, message, from_, language, false, null,
				Boolean.TRUE.equals(wait_for_result), null, false, answering_machine));
	}

	@McpTool(name = "voice_call_with_input", description = ToolDescriptions.VOICE_CALL_WITH_INPUT,
			annotations = @McpTool.McpAnnotations(title = "Call and listen", readOnlyHint = false,
					destructiveHint = true, idempotentHint = false, openWorldHint = true))
	public CallToolResult voiceCallWithInput(
			@McpToolParam(description = ToolDescriptions.CALL_TO, required = true) String to,
			@McpToolParam(description = ToolDescriptions.PROMPT_MESSAGE, required = true) String prompt_message,
			@McpToolParam(description = ToolDescriptions.CALL_FROM, required = false) String from_,
			@McpToolParam(description = ToolDescriptions.WAIT_FOR_RESULT_INPUT,
					required = false) Boolean wait_for_result,
			@McpToolParam(description = ToolDescriptions.LANGUAGE, required = false) String language,
			@McpToolParam(description = ToolDescriptions.INPUT_TYPE, required = false) String input_type,
			@McpToolParam(description = ToolDescriptions.TIMEOUT_SECONDS, required = false) Integer timeout_seconds,
			@McpToolParam(description = ToolDescriptions.KEEP_OPEN, required = false) Boolean keep_open,
			@McpToolParam(description = ToolDescriptions.ANSWERING_MACHINE, required = false) String answering_machine,
			McpSyncRequestContext context) {
		return this.flow.send("voice_call_with_input", context, to, prompt_message,
				new Call(to, prompt_message, from_, language, true, input_type, !Boolean.FALSE.equals(wait_for_result),
						timeout_seconds, Boolean.TRUE.equals(keep_open), answering_machine));
	}

	/**
	 * One call; one that {@code listens} waits for the callee's answer, of the
	 * {@code inputType} the client named.
	 */
	private final class Call implements CommandCall<PlaceCall> {

		private final String to;

		private final String message;

		private final String from;

		private final String language;

		private final boolean listens;

		private final String inputType;

		private final boolean waitForResult;

		private final Integer timeoutSeconds;

		private final boolean keepOpen;

		private final String answeringMachine;

		Call(String to, String message, String from, String language, boolean listens, String inputType,
				boolean waitForResult, Integer timeoutSeconds, boolean keepOpen, String answeringMachine) {
			this.to = to;
			this.message = message;
			this.from = from;
			this.language = language;
			this.listens = listens;
			this.inputType = inputType;
			this.waitForResult = waitForResult;
			this.timeoutSeconds = timeoutSeconds;
			this.keepOpen = keepOpen;
			this.answeringMachine = answeringMachine;
		}

		@Override
		public PlaceCall command(NewCommand header) {
			ToolInputs inputs = CallTools.this.inputs;
			PlaceCall.Input input = this.listens ? inputs.input("input_type", this.inputType) : null;
			return new PlaceCall(header.commandId(), header.createdAt(), header.expiresAt(), header.requestedBy(),
					inputs.destination("to", this.to), inputs.sender("from_", this.from),
					inputs.talkText(this.listens ? "prompt_message" : "message", this.message),
					inputs.language("language", this.language), null, input, null, null,
					this.keepOpen ? CallTools.this.conversation : null,
					inputs.answeringMachine("answering_machine", this.answeringMachine));
		}

		@Override
		public Words words() {
			return new Words("The call was not placed", "the call goes on", "placing the call");
		}

		@Override
		public CallToolResult queued(PlaceCall command) {
			return ToolResults.success(
					"The call to +" + command.to() + " is queued but Vonage has not confirmed it yet (command "
							+ command.commandId() + "). Call check_call_status with call_uuid=" + command.commandId()
							+ " to follow it.",
					Map.of("status", "pending", "command_id", command.commandId().toString()));
		}

		@Override
		public CallToolResult failed(PlaceCall command, Outcome outcome) {
			return ToolResults.error(
					"The call to +" + command.to() + " was not placed: " + CallResults.failure(outcome),
					Map.of("status", "failed", "command_id", command.commandId().toString(), "reason",
							CallResults.failure(outcome)));
		}

		@Override
		public CallToolResult accepted(PlaceCall command, Watch watch, Progress progress) throws InterruptedException {
			TelephonyView view = CallTools.this.view;
			if (!this.waitForResult) {
				CallSnapshot placed = view.callByCommand(command.commandId()).orElseThrow();
				return ToolResults.success("Calling +" + command.to() + " (call_uuid " + placed.callUuid()
						+ "). Use check_call_status to follow it.", CallResults.facts(placed));
			}
			if (this.keepOpen) {
				CallSnapshot call = Waiting.until(watch, CallTools.this.deadlines.toolWait(this.timeoutSeconds),
						() -> view.callByCommand(command.commandId()).orElseThrow(), (snapshot) -> snapshot.terminal()
								|| snapshot.turnAnswered(command.commandId()) || snapshot.voicemailLeft(),
						CallResults::progress, progress);
				return TurnResults.answer(call, command.commandId());
			}
			CallSnapshot call = Waiting.until(watch, CallTools.this.deadlines.toolWait(this.timeoutSeconds),
					() -> view.callByCommand(command.commandId()).orElseThrow(),
					(snapshot) -> snapshot.terminal() || (this.listens && snapshot.inputReceived()),
					CallResults::progress, progress);
			return this.listens ? describeInput(call) : describeEnd(call);
		}

		@Override
		public String callUuid(PlaceCall command) {
			return CallTools.this.view.callByCommand(command.commandId()).map(CallSnapshot::callUuid).orElse(null);
		}

	}

	private static CallToolResult describeEnd(CallSnapshot call) {
		String to = CallResults.plus(call.to());
		if (!call.terminal()) {
			return pending(call);
		}
		String machine = CallResults.machine(call);
		if (machine != null && "completed".equals(call.status())) {
			String lasted = (call.durationSeconds() != null) ? "; the call lasted " + call.durationSeconds() + " s"
					: "";
			return ToolResults.success(machine + lasted + ".", CallResults.facts(call));
		}
		if ("completed".equals(call.status()) && call.answered()) {
			String who = "human".equals(call.answeredBy()) ? " by a person" : "";
			return ToolResults.success("The call to " + to + " was answered" + who
					+ " and the message delivered; it lasted " + call.durationSeconds() + " s.",
					CallResults.facts(call));
		}
		return ToolResults.error("The call to " + to + " did not get through: " + CallResults.reason(call) + ".",
				CallResults.facts(call));
	}

	private static CallToolResult describeInput(CallSnapshot call) {
		String to = CallResults.plus(call.to());
		String machine = CallResults.machine(call);
		if (machine != null && (call.terminal() || call.inputReceived())) {
			// A machine says nothing into the input; that is no answer from a person.
			return ToolResults.error(machine + ".", CallResults.facts(call));
		}
		if (call.inputReceived()) {
			if (!call.speech().isEmpty()) {
				var best = call.speech().get(0);
				return ToolResults.success(
						"The callee at " + to + " said: \"" + best.text() + "\""
								+ ((best.confidence() != null) ? " (confidence " + best.confidence() + ")" : "") + ".",
						CallResults.facts(call));
			}
			if (call.dtmfDigits() != null && !call.dtmfDigits().isEmpty()) {
				return ToolResults.success("The callee at " + to + " pressed " + call.dtmfDigits() + ".",
						CallResults.facts(call));
			}
			return ToolResults.success("The callee at " + to + " answered, but " + CallResults.silence(call) + ".",
					CallResults.facts(call));
		}
		if (call.terminal()) {
			return ToolResults.error("No answer from " + to + ": " + CallResults.reason(call) + ".",
					CallResults.facts(call));
		}
		return pending(call);
	}

	private static CallToolResult pending(CallSnapshot call) {
		Map<String, Object> facts = CallResults.facts(call);
		facts.put("status", "pending");
		facts.put("call_status", (call.status() != null) ? call.status() : "placing");
		return ToolResults.success("The call to " + CallResults.plus(call.to()) + " is still in progress ("
				+ CallResults.progress(call) + "). Call check_call_status with call_uuid=" + call.callUuid()
				+ " and wait_seconds=30 to keep waiting; nothing is lost meanwhile.", facts);
	}

}
