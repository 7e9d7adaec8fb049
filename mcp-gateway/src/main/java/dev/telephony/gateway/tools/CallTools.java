package dev.telephony.gateway.tools;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.telephony.gateway.auth.Caller;
import dev.telephony.gateway.commands.CommandIds;
import dev.telephony.gateway.commands.CommandNotQueuedException;
import dev.telephony.gateway.policy.CommandRefusedException;
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

	private final CommandRunner runner;

	private final TelephonyView view;

	private final ToolCalls calls;

	CallTools(ToolInputs inputs, CommandRunner runner, TelephonyView view, ToolCalls calls) {
		this.inputs = inputs;
		this.runner = runner;
		this.view = view;
		this.calls = calls;
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
			McpSyncRequestContext context) {
		return this.calls.run("voice_call", context, to, message,
				() -> call(to, message, from_, language, null, Boolean.TRUE.equals(wait_for_result), null, context));
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
			McpSyncRequestContext context) {
		return this.calls.run("voice_call_with_input", context, to, prompt_message, () -> {
			PlaceCall.Input input;
			try {
				input = this.inputs.input("input_type", input_type);
			}
			catch (InvalidToolInputException ex) {
				return ToolResults.invalid(ex.getMessage());
			}
			return call(to, prompt_message, from_, language, input, !Boolean.FALSE.equals(wait_for_result),
					timeout_seconds, context);
		});
	}

	private CallToolResult call(String to, String message, String from, String language, PlaceCall.Input input,
			boolean waitForResult, Integer timeoutSeconds, McpSyncRequestContext context) {
		PlaceCall command;
		try {
			Instant now = Instant.now();
			command = new PlaceCall(CommandIds.next(), now, this.runner.deadline(now), Caller.name(context),
					this.inputs.destination("to", to), this.inputs.sender("from_", from),
					this.inputs.talkText((input != null) ? "prompt_message" : "message", message),
					this.inputs.language("language", language), null, input, null, null);
		}
		catch (InvalidToolInputException ex) {
			return ToolResults.invalid(ex.getMessage());
		}
		Progress progress = Progress.of(context);
		try (Watch watch = this.runner.submit(command, context)) {
			UUID id = command.commandId();
			Optional<Outcome> outcome = Waiting.until(watch, this.runner.outcomeWait(command),
					() -> this.view.outcome(id), Optional::isPresent, (ignored) -> "placing the call", progress);
			if (outcome.isEmpty()) {
				return ToolResults.success(
						"The call to +" + command.to() + " is queued but Vonage has not confirmed it yet (command " + id
								+ "). Call check_call_status with call_uuid=" + id + " to follow it.",
						Map.of("status", "pending", "command_id", id.toString()));
			}
			if (!outcome.get().accepted()) {
				return ToolResults.error(
						"The call to +" + command.to() + " was not placed: " + CallResults.failure(outcome.get()),
						Map.of("status", "failed", "command_id", id.toString(), "reason",
								CallResults.failure(outcome.get())));
			}
			if (!waitForResult) {
				CallSnapshot placed = this.view.callByCommand(id).orElseThrow();
				return ToolResults.success("Calling +" + command.to() + " (call_uuid " + placed.callUuid()
						+ "). Use check_call_status to follow it.", CallResults.facts(placed));
			}
			boolean listening = input != null;
			CallSnapshot call = Waiting.until(watch, this.runner.toolWait(timeoutSeconds),
					() -> this.view.callByCommand(id).orElseThrow(),
					(snapshot) -> snapshot.terminal() || (listening && snapshot.inputReceived()), CallResults::progress,
					progress);
			return listening ? describeInput(call) : describeEnd(call);
		}
		catch (GatewayNotReadyException | CommandNotQueuedException ex) {
			return ToolResults.error("The call was not placed: " + ex.getMessage() + ". Nothing was queued.");
		}
		catch (CommandRefusedException ex) {
			return ToolResults.refused(ex);
		}
		catch (ToolCancelledException ex) {
			return ToolResults.error("Cancelled by the client; the command itself goes on.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ToolResults.error("The request was cancelled while waiting; the call goes on.");
		}
	}

	private static CallToolResult describeEnd(CallSnapshot call) {
		String to = CallResults.plus(call.to());
		if (!call.terminal()) {
			return pending(call);
		}
		if ("completed".equals(call.status()) && call.answered()) {
			return ToolResults.success("The call to " + to + " was answered and the message delivered; it lasted "
					+ call.durationSeconds() + " s.", CallResults.facts(call));
		}
		return ToolResults.error("The call to " + to + " did not get through: " + CallResults.reason(call) + ".",
				CallResults.facts(call));
	}

	private static CallToolResult describeInput(CallSnapshot call) {
		String to = CallResults.plus(call.to());
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
