package dev.telephony.gateway.tools;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.telephony.gateway.auth.Caller;
import dev.telephony.gateway.commands.CommandIds;
import dev.telephony.gateway.commands.CommandNotQueuedException;
import dev.telephony.gateway.policy.CommandRefusedException;
import dev.telephony.gateway.view.CallSnapshot;
import dev.telephony.gateway.view.MessageSnapshot;
import dev.telephony.gateway.view.Outcome;
import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.Watch;
import dev.telephony.schemas.HangupCall;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;
import org.springframework.stereotype.Component;

/** Following and ending calls. */
@Component
class StatusTools {

	private static final int LISTED = 20;

	private final ToolInputs inputs;

	private final CommandRunner runner;

	private final TelephonyView view;

	private final ToolCalls calls;

	StatusTools(ToolInputs inputs, CommandRunner runner, TelephonyView view, ToolCalls calls) {
		this.inputs = inputs;
		this.runner = runner;
		this.view = view;
		this.calls = calls;
	}

	@McpTool(name = "check_call_status", description = ToolDescriptions.CHECK_CALL_STATUS,
			annotations = @McpTool.McpAnnotations(title = "Check call status", readOnlyHint = true,
					destructiveHint = false, idempotentHint = true, openWorldHint = false))
	public CallToolResult checkCallStatus(
			@McpToolParam(description = ToolDescriptions.CALL_UUID_OPTIONAL, required = false) String call_uuid,
			@McpToolParam(description = ToolDescriptions.WAIT_SECONDS, required = false) Integer wait_seconds,
			McpSyncRequestContext context) {
		return this.calls.run("check_call_status", context, null, null, () -> {
			if (call_uuid == null || call_uuid.isBlank()) {
				return list(Caller.name(context));
			}
			return status(call_uuid.strip(), wait_seconds, context);
		});
	}

	@McpTool(name = "hangup_call", description = ToolDescriptions.HANGUP_CALL,
			annotations = @McpTool.McpAnnotations(title = "Hang up a call", readOnlyHint = false,
					destructiveHint = true, idempotentHint = true, openWorldHint = true))
	public CallToolResult hangupCall(
			@McpToolParam(description = ToolDescriptions.CALL_UUID, required = true) String call_uuid,
			McpSyncRequestContext context) {
		return this.calls.run("hangup_call", context, null, null, () -> hangup(call_uuid, context));
	}

	private CallToolResult list(String caller) {
		List<CallSnapshot> calls = this.view.recentCalls(LISTED, (call) -> visible(call.requestedBy(), caller));
		if (calls.isEmpty()) {
			return ToolResults.success("No calls in the last day.", Map.of("calls", List.of()));
		}
		String lines = calls.stream().map(CallResults::line).collect(Collectors.joining("\n"));
		return ToolResults.success("Recent calls, active first, newest first:\n" + lines,
				Map.of("calls", CallResults.facts(calls)));
	}

	private CallToolResult status(String id, Integer waitSeconds, McpSyncRequestContext context) {
		String caller = Caller.name(context);
		Optional<CallSnapshot> call = findCall(id).filter((found) -> visible(found.requestedBy(), caller));
		if (call.isEmpty()) {
			Optional<MessageSnapshot> message = asUuid(id).flatMap(this.view::message)
				.filter((found) -> visible(found.requestedBy(), caller));
			if (message.isPresent()) {
				return describe(message.get());
			}
			return ToolResults.error("No call or message with id " + id
					+ " is known here. Ids come from voice_call, voice_call_with_input or sms_with_input,"
					+ " and are kept for a day.");
		}
		CallSnapshot before = call.get();
		if (waitSeconds == null || waitSeconds <= 0 || before.terminal() || before.commandId() == null) {
			return describe(before);
		}
		try (Watch watch = this.runner.watch(before.commandId(), context)) {
			CallSnapshot after = Waiting.until(watch, this.runner.toolWait(waitSeconds),
					() -> this.view.callByCommand(before.commandId()).orElse(before), (now) -> changed(before, now),
					CallResults::progress, Progress.of(context));
			return describe(after);
		}
		catch (ToolCancelledException ex) {
			return ToolResults.error("Cancelled by the client; the command itself goes on.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return describe(before);
		}
	}

	private Optional<CallSnapshot> findCall(String id) {
		Optional<CallSnapshot> byUuid = this.view.callByUuid(id);
		return byUuid.isPresent() ? byUuid : asUuid(id).flatMap(this.view::callByCommand);
	}

	private static boolean changed(CallSnapshot before, CallSnapshot now) {
		return !Objects.equals(before.status(), now.status()) || before.inputReceived() != now.inputReceived()
				|| before.history().size() != now.history().size() || !Objects.equals(before.outcome(), now.outcome());
	}

	private static CallToolResult describe(CallSnapshot call) {
		StringBuilder text = new StringBuilder("Call " + call.callUuid() + " to " + CallResults.plus(call.to()) + ": ");
		if (call.outcome() != null && !call.outcome().accepted()) {
			text.append("not placed, ").append(CallResults.failure(call.outcome())).append('.');
		}
		else if (call.status() == null) {
			text.append("being placed.");
		}
		else if (call.terminal()) {
			text.append(call.status()).append(", ").append(CallResults.reason(call));
			if (call.durationSeconds() != null) {
				text.append(", ").append(call.durationSeconds()).append(" s");
			}
			text.append('.');
		}
		else {
			text.append(CallResults.progress(call)).append('.');
		}
		if (!call.speech().isEmpty()) {
			text.append(" Heard: \"").append(call.speech().get(0).text()).append("\".");
		}
		if (call.dtmfDigits() != null && !call.dtmfDigits().isEmpty()) {
			text.append(" Pressed: ").append(call.dtmfDigits()).append('.');
		}
		return ToolResults.success(text.toString(), CallResults.facts(call));
	}

	private static CallToolResult describe(MessageSnapshot message) {
		String text = "SMS to " + CallResults.plus(message.to()) + ": "
				+ ((message.status() != null) ? message.status() : "sent") + ". "
				+ ((message.replyText() != null) ? "Reply: \"" + message.replyText() + "\"." : "No reply yet.");
		return ToolResults.success(text, CallResults.facts(message));
	}

	private CallToolResult hangup(String callUuid, McpSyncRequestContext context) {
		String id;
		try {
			id = this.inputs.callId("call_uuid", callUuid);
		}
		catch (InvalidToolInputException ex) {
			return ToolResults.invalid(ex.getMessage());
		}
		Optional<CallSnapshot> known = findCall(id);
		if (known.isPresent() && !visible(known.get().requestedBy(), Caller.name(context))) {
			return ToolResults.error("Call " + id + " was placed by another client; only that client may hang it up.");
		}
		if (known.isPresent() && known.get().terminal()) {
			return ToolResults.success("Call " + id + " has already ended (" + known.get().status() + ").",
					CallResults.facts(known.get()));
		}
		String uuid = known.map(CallSnapshot::callUuid).orElse(id);
		Instant now = Instant.now();
		HangupCall command = new HangupCall(CommandIds.next(), now, this.runner.deadline(now), Caller.name(context),
				known.map(CallSnapshot::to).orElse(null), known.map(CallSnapshot::from).orElse(null), uuid);
		try (Watch watch = this.runner.submit(command, context)) {
			Optional<Outcome> outcome = Waiting.until(watch, this.runner.outcomeWait(command),
					() -> this.view.outcome(command.commandId()), Optional::isPresent, (ignored) -> "hanging up",
					Progress.of(context));
			if (outcome.isEmpty()) {
				return ToolResults.success("The hang-up of " + uuid + " is queued but not confirmed yet.",
						Map.of("status", "pending", "command_id", command.commandId().toString()));
			}
			if (!outcome.get().accepted()) {
				return ToolResults.error("Could not hang up " + uuid + ": " + CallResults.failure(outcome.get()),
						Map.of("status", "failed", "call_uuid", uuid));
			}
			return ToolResults.success("Hung up call " + uuid + ".", Map.of("status", "hung_up", "call_uuid", uuid));
		}
		catch (GatewayNotReadyException | CommandNotQueuedException ex) {
			return ToolResults.error("Could not hang up: " + ex.getMessage() + ". Nothing was queued.");
		}
		catch (CommandRefusedException ex) {
			return ToolResults.refused(ex);
		}
		catch (ToolCancelledException ex) {
			return ToolResults.error("Cancelled by the client; the command itself goes on.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ToolResults.error("The request was cancelled while waiting; the hang-up may still happen.");
		}
	}

	/**
	 * Each client sees the calls and messages it placed; what no client of this gateway
	 * placed (inbound calls) is everyone's.
	 */
	private static boolean visible(String owner, String caller) {
		return owner == null || owner.equals(caller);
	}

	private static Optional<UUID> asUuid(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
