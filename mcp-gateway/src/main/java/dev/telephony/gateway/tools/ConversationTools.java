package dev.telephony.gateway.tools;

import java.util.Map;
import java.util.Optional;

import dev.telephony.gateway.auth.Caller;
import dev.telephony.gateway.view.CallSnapshot;
import dev.telephony.gateway.view.Outcome;
import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.Watch;
import dev.telephony.schemas.ContinueCall;
import dev.telephony.schemas.HangupCall;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;
import org.springframework.stereotype.Component;

/**
 * The later turns of a conversation call (started by voice_call_with_input with
 * keep_open), and its end.
 */
@Component
class ConversationTools {

	private final ToolInputs inputs;

	private final Deadlines deadlines;

	private final TelephonyView view;

	private final ToolFlow flow;

	ConversationTools(ToolInputs inputs, Deadlines deadlines, TelephonyView view, ToolFlow flow) {
		this.inputs = inputs;
		this.deadlines = deadlines;
		this.view = view;
		this.flow = flow;
	}

	@McpTool(name = "continue_call", description = ToolDescriptions.CONTINUE_CALL,
			annotations = @McpTool.McpAnnotations(title = "Say the next line on a call", readOnlyHint = false,
					destructiveHint = false, idempotentHint = false, openWorldHint = true))
	public CallToolResult continueCall(
			@McpToolParam(description = ToolDescriptions.CONVERSATION_UUID, required = true) String call_uuid,
			@McpToolParam(description = ToolDescriptions.NEXT_LINE, required = true) String message,
			@McpToolParam(description = ToolDescriptions.LISTEN, required = false) Boolean listen,
			@McpToolParam(description = ToolDescriptions.TIMEOUT_SECONDS, required = false) Integer timeout_seconds,
			McpSyncRequestContext context) {
		return this.flow.answer("continue_call", context, () -> {
			Lookup lookup = open(call_uuid, context);
			if (lookup.refusal() != null) {
				return lookup.refusal();
			}
			return this.flow.command(context, null,
					new NextLine(lookup.call(), message, !Boolean.FALSE.equals(listen), timeout_seconds));
		});
	}

	@McpTool(name = "end_call", description = ToolDescriptions.END_CALL,
			annotations = @McpTool.McpAnnotations(title = "Say goodbye and hang up", readOnlyHint = false,
					destructiveHint = true, idempotentHint = false, openWorldHint = true))
	public CallToolResult endCall(
			@McpToolParam(description = ToolDescriptions.CONVERSATION_UUID, required = true) String call_uuid,
			@McpToolParam(description = ToolDescriptions.GOODBYE, required = false) String message,
			McpSyncRequestContext context) {
		return this.flow.answer("end_call", context, () -> {
			Lookup lookup = open(call_uuid, context);
			if (lookup.refusal() != null) {
				return lookup.refusal();
			}
			return this.flow.command(context, null, new Goodbye(lookup.call(), message));
		});
	}

	/** The caller's live call, or the answer that says why it cannot go on. */
	private Lookup open(String callUuid, McpSyncRequestContext context) {
		String id;
		try {
			id = this.inputs.callId("call_uuid", callUuid);
		}
		catch (InvalidToolInputException ex) {
			return Lookup.refused(new ToolAnswer(ToolResults.invalid(ex.getMessage()), AuditDetails.NONE));
		}
		Optional<CallSnapshot> known = this.view.callByUuid(id);
		if (known.isEmpty()) {
			return Lookup.refused(new ToolAnswer(ToolResults.error("No call " + id
					+ " is known here. Use the call_uuid that voice_call_with_input returned with keep_open=true."),
					AuditDetails.NONE));
		}
		CallSnapshot call = known.get();
		if (call.requestedBy() == null || !call.requestedBy().equals(Caller.name(context))) {
			return Lookup.refused(new ToolAnswer(
					ToolResults
						.error("Call " + id + " was placed by another client; only that client may speak on it."),
					AuditDetails.NONE));
		}
		if (call.terminal()) {
			return Lookup.refused(new ToolAnswer(TurnResults.ended(call), AuditDetails.of(call)));
		}
		if (!call.conversational()) {
			return Lookup.refused(new ToolAnswer(ToolResults.error("Call " + id
					+ " is not a conversation: it ends after its one prompt. Start one with voice_call_with_input"
					+ " and keep_open=true."), AuditDetails.of(call)));
		}
		if (call.endedBy() != null) {
			return Lookup.refused(
					new ToolAnswer(ToolResults.error("Call " + id + " is already ending (" + call.endReason() + ").",
							TurnResults.facts(call)), AuditDetails.of(call)));
		}
		return new Lookup(call, null);
	}

	private record Lookup(CallSnapshot call, ToolAnswer refusal) {

		static Lookup refused(ToolAnswer answer) {
			return new Lookup(null, answer);
		}

	}

	/** The next line, and with {@code listens} the callee's answer to it. */
	private final class NextLine implements CommandCall<ContinueCall> {

		private final CallSnapshot call;

		private final String message;

		private final boolean listens;

		private final Integer timeoutSeconds;

		NextLine(CallSnapshot call, String message, boolean listens, Integer timeoutSeconds) {
			this.call = call;
			this.message = message;
			this.listens = listens;
			this.timeoutSeconds = timeoutSeconds;
		}

		@Override
		public ContinueCall command(NewCommand header) {
			return new ContinueCall(header.commandId(), header.createdAt(), header.expiresAt(), header.requestedBy(),
					this.call.to(), this.call.from(), this.call.callUuid(),
					ConversationTools.this.inputs.talkText("message", this.message), this.call.language(),
					this.call.listening(), this.call.conversation(), this.listens);
		}

		@Override
		public Words words() {
			return new Words("The line was not said", "the call stays open", "saying the line");
		}

		@Override
		public CallToolResult queued(ContinueCall command) {
			return ToolResults.success(
					"The line is queued but Vonage has not taken it yet (command " + command.commandId()
							+ "); the callee is still held and listened to. Call check_call_status" + " with call_uuid="
							+ this.call.callUuid() + " and wait_seconds=30 to follow it.",
					Map.of("status", "pending", "command_id", command.commandId().toString(), "call_uuid",
							this.call.callUuid()));
		}

		@Override
		public CallToolResult failed(ContinueCall command, Outcome outcome) {
			CallSnapshot now = ConversationTools.this.view.callByUuid(this.call.callUuid()).orElse(this.call);
			if (now.terminal()) {
				return TurnResults.ended(now);
			}
			return ToolResults.error("The line was not said: " + CallResults.failure(outcome)
					+ ". The callee is still held and listened to.", TurnResults.facts(now));
		}

		@Override
		public CallToolResult accepted(ContinueCall command, Watch watch, Progress progress)
				throws InterruptedException {
			TelephonyView view = ConversationTools.this.view;
			if (!this.listens) {
				CallSnapshot now = view.callByUuid(this.call.callUuid()).orElse(this.call);
				return TurnResults.spoken(now);
			}
			CallSnapshot now = Waiting.until(watch, ConversationTools.this.deadlines.toolWait(this.timeoutSeconds),
					() -> view.callByUuid(this.call.callUuid()).orElse(this.call),
					(snapshot) -> snapshot.terminal() || snapshot.turnAnswered(command.commandId()),
					(snapshot) -> TurnResults.progress(snapshot, command.commandId()), progress);
			return TurnResults.answer(now, command.commandId());
		}

		@Override
		public String callUuid(ContinueCall command) {
			return command.callUuid();
		}

	}

	/** The goodbye, then the whole call. */
	private final class Goodbye implements CommandCall<HangupCall> {

		private final CallSnapshot call;

		private final String message;

		Goodbye(CallSnapshot call, String message) {
			this.call = call;
			this.message = message;
		}

		@Override
		public HangupCall command(NewCommand header) {
			String goodbye = (this.message == null || this.message.isBlank()) ? null
					: ConversationTools.this.inputs.talkText("message", this.message);
			return new HangupCall(header.commandId(), header.createdAt(), header.expiresAt(), header.requestedBy(),
					this.call.to(), this.call.from(), this.call.callUuid(), goodbye, this.call.language());
		}

		@Override
		public Words words() {
			return new Words("The call was not ended", "the call may still end", "ending the call");
		}

		@Override
		public CallToolResult queued(HangupCall command) {
			return ToolResults.success(
					"Ending the call is queued but not confirmed yet (command " + command.commandId()
							+ "). Call check_call_status with call_uuid=" + this.call.callUuid() + " to follow it.",
					Map.of("status", "pending", "call_uuid", this.call.callUuid()));
		}

		@Override
		public CallToolResult failed(HangupCall command, Outcome outcome) {
			CallSnapshot now = ConversationTools.this.view.callByUuid(this.call.callUuid()).orElse(this.call);
			if (now.terminal()) {
				return TurnResults.ended(now);
			}
			return ToolResults.error("The call was not ended: " + CallResults.failure(outcome) + ".",
					TurnResults.facts(now));
		}

		@Override
		public CallToolResult accepted(HangupCall command, Watch watch, Progress progress) throws InterruptedException {
			TelephonyView view = ConversationTools.this.view;
			CallSnapshot now = Waiting.until(watch, ConversationTools.this.deadlines.toolWait(null),
					() -> view.callByUuid(this.call.callUuid()).orElse(this.call), CallSnapshot::terminal,
					(snapshot) -> "saying goodbye", progress);
			return TurnResults.ended(now);
		}

		@Override
		public String callUuid(HangupCall command) {
			return command.callUuid();
		}

	}

}
