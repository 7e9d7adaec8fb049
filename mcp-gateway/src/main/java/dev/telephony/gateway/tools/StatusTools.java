package dev.telephony.gateway.tools;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.telephony.gateway.auth.Caller;
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

	private final Deadlines deadlines;

	private final TelephonyView view;

	private final ToolFlow flow;

	StatusTools(ToolInputs inputs, Deadlines deadlines, TelephonyView view, ToolFlow flow) {
		this.inputs = inputs;
		this.deadlines = deadlines;
		this.view = view;
		this.flow = flow;
	}

	@McpTool(name = "check_call_status", description = ToolDescriptions.CHECK_CALL_STATUS,
			annotations = @McpTool.McpAnnotations(title = "Check call status", readOnlyHint = true,
					destructiveHint = false, idempotentHint = true, openWorldHint = false))
	public CallToolResult checkCallStatus(
			@McpToolParam(description = ToolDescriptions.CALL_UUID_OPTIONAL, required = false) String call_uuid,
			@McpToolParam(description = ToolDescriptions.WAIT_SECONDS, required = false) Integer wait_seconds,
			McpSyncRequestContext context) {
		return this.flow.answer("check_call_status", context, () -> {
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
		return this.flow.answer("hangup_call", context, () -> hangup(call_uuid, context));
	}

	private ToolAnswer list(String caller) {
		List<CallSnapshot> calls = this.view.recentCalls(LISTED, (call) -> visible(call.requestedBy(), caller));
		if (calls.isEmpty()) {
			return new ToolAnswer(ToolResults.success("No calls in the last day.", Map.of("calls", List.of())),
					AuditDetails.NONE);
		}
		String lines = calls.stream().map(CallResults::line).collect(Collectors.joining("\n"));
		return new ToolAnswer(ToolResults.success("Recent calls, active first, newest first:\n" + lines,
				Map.of("calls", CallResults.facts(calls))), AuditDetails.NONE);
	}

	private ToolAnswer status(String id, Integer waitSeconds, McpSyncRequestContext context) {
		String caller = Caller.name(context);
		Optional<CallSnapshot> call = findCall(id).filter((found) -> visible(found.requestedBy(), caller));
		if (call.isEmpty()) {
			Optional<MessageSnapshot> message = asUuid(id).flatMap(this.view::message)
				.filter((found) -> visible(found.requestedBy(), caller));
			if (message.isPresent()) {
				return new ToolAnswer(describe(message.get()), AuditDetails.of(message.get()));
			}
			return new ToolAnswer(ToolResults.error("No call or message with id " + id
					+ " is known here. Ids come from voice_call, voice_call_with_input or sms_with_input,"
					+ " and are kept for a day."), AuditDetails.NONE);
		}
		CallSnapshot before = call.get();
		if (waitSeconds == null || waitSeconds <= 0 || before.terminal() || before.commandId() == null) {
			return new ToolAnswer(describe(before), AuditDetails.of(before));
		}
		UUID commandId = before.commandId();
		CallToolResult result = this.flow.follow(commandId, context, "the call goes on",
				(watch, progress) -> describe(Waiting.until(watch, this.deadlines.toolWait(waitSeconds),
						() -> this.view.callByCommand(commandId).orElse(before), (now) -> changed(before, now),
						CallResults::progress, progress)));
		return new ToolAnswer(result, AuditDetails.of(this.view.callByCommand(commandId).orElse(before)));
	}

	private Optional<CallSnapshot> findCall(String id) {
		Optional<CallSnapshot> byUuid = this.view.callByUuid(id);
		return byUuid.isPresent() ? byUuid : asUuid(id).flatMap(this.view::callByCommand);
	}

	private static boolean changed(CallSnapshot before, CallSnapshot now) {
		return !Objects.equals(before.status(), now.status()) || before.inputReceived() != now.inputReceived()
				|| before.history().size() != now.history().size() || !Objects.equals(before.outcome(), now.outcome())
				|| heardCount(before) != heardCount(now);
	}

	private static long heardCount(CallSnapshot call) {
		return call.turns().stream().mapToLong((turn) -> turn.heard().size()).sum();
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
		if (!call.speech().isEmpty() && !call.conversational()) {
			text.append(" Heard: \"").append(call.speech().get(0).text()).append("\".");
		}
		if (call.conversational()) {
			String transcript = TurnResults.transcript(call);
			if (call.endedBy() != null) {
				text.append(" Ended by ").append(call.endedBy().replace('_', ' '));
				text.append((call.endReason() != null) ? " (" + call.endReason() + ")." : ".");
			}
			if (!transcript.isEmpty()) {
				text.append(" Transcript:\n").append(transcript);
			}
			return ToolResults.success(text.toString(), TurnResults.facts(call));
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

	private ToolAnswer hangup(String callUuid, McpSyncRequestContext context) {
		String id;
		try {
			id = this.inputs.callId("call_uuid", callUuid);
		}
		catch (InvalidToolInputException ex) {
			return new ToolAnswer(ToolResults.invalid(ex.getMessage()), AuditDetails.NONE);
		}
		Optional<CallSnapshot> known = findCall(id);
		if (known.isPresent() && !visible(known.get().requestedBy(), Caller.name(context))) {
			return new ToolAnswer(
					ToolResults.error("Call " + id + " was placed by another client; only that client may hang it up."),
					AuditDetails.NONE);
		}
		if (known.isPresent() && known.get().terminal()) {
			return new ToolAnswer(
					ToolResults.success("Call " + id + " has already ended (" + known.get().status() + ").",
							CallResults.facts(known.get())),
					AuditDetails.of(known.get()));
		}
		return this.flow.command(context, null, new Hangup(known.map(CallSnapshot::callUuid).orElse(id),
				known.map(CallSnapshot::to).orElse(null), known.map(CallSnapshot::from).orElse(null)));
	}

	/**
	 * Ending a call: {@code uuid} as Vonage knows it, or the command id of a call it has
	 * not named yet; {@code to} and {@code from} when the view knows the call, which the
	 * guard requires.
	 */
	private record Hangup(String uuid, String to, String from) implements CommandCall<HangupCall> {

		@Override
		public HangupCall command(NewCommand header) {
			return new HangupCall(header.commandId(), header.createdAt(), header.expiresAt(), header.requestedBy(),
					this.to, this.from, this.uuid);
		}

		@Override
		public Words words() {
			return new Words("Could not hang up", "the hang-up may still happen", "hanging up");
		}

		@Override
		public CallToolResult queued(HangupCall command) {
			return ToolResults.success("The hang-up of " + this.uuid + " is queued but not confirmed yet.",
					Map.of("status", "pending", "command_id", command.commandId().toString()));
		}

		@Override
		public CallToolResult failed(HangupCall command, Outcome outcome) {
			return ToolResults.error("Could not hang up " + this.uuid + ": " + CallResults.failure(outcome),
					Map.of("status", "failed", "call_uuid", this.uuid));
		}

		@Override
		public CallToolResult accepted(HangupCall command, Watch watch, Progress progress) {
			return ToolResults.success("Hung up call " + this.uuid + ".",
					Map.of("status", "hung_up", "call_uuid", this.uuid));
		}

		@Override
		public String callUuid(HangupCall command) {
			return command.callUuid();
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
