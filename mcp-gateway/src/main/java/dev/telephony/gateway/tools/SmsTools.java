package dev.telephony.gateway.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.telephony.gateway.auth.Caller;
import dev.telephony.gateway.commands.CommandIds;
import dev.telephony.gateway.commands.CommandNotQueuedException;
import dev.telephony.gateway.policy.CommandRefusedException;
import dev.telephony.gateway.view.MessageSnapshot;
import dev.telephony.gateway.view.Outcome;
import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.Watch;
import dev.telephony.schemas.SendSms;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;
import org.springframework.stereotype.Component;

/** The SMS tools. */
@Component
class SmsTools {

	private final ToolInputs inputs;

	private final CommandRunner runner;

	private final TelephonyView view;

	private final ToolCalls calls;

	SmsTools(ToolInputs inputs, CommandRunner runner, TelephonyView view, ToolCalls calls) {
		this.inputs = inputs;
		this.runner = runner;
		this.view = view;
		this.calls = calls;
	}

	@McpTool(name = "send_sms", description = ToolDescriptions.SEND_SMS,
			annotations = @McpTool.McpAnnotations(title = "Send SMS", readOnlyHint = false, destructiveHint = true,
					idempotentHint = false, openWorldHint = true))
	public CallToolResult sendSms(@McpToolParam(description = ToolDescriptions.SMS_TO, required = true) String to,
			@McpToolParam(description = ToolDescriptions.SMS_TEXT, required = true) String text,
			@McpToolParam(description = ToolDescriptions.SMS_FROM, required = false) String from_,
			McpSyncRequestContext context) {
		return this.calls.run("send_sms", context, to, text, () -> send(to, text, from_, null, null, context));
	}

	@McpTool(name = "sms_with_input", description = ToolDescriptions.SMS_WITH_INPUT,
			annotations = @McpTool.McpAnnotations(title = "Send SMS and wait for the reply", readOnlyHint = false,
					destructiveHint = true, idempotentHint = false, openWorldHint = true))
	public CallToolResult smsWithInput(@McpToolParam(description = ToolDescriptions.SMS_TO, required = true) String to,
			@McpToolParam(description = ToolDescriptions.SMS_TEXT, required = true) String text,
			@McpToolParam(description = ToolDescriptions.SMS_FROM, required = false) String from_,
			@McpToolParam(description = ToolDescriptions.WAIT_FOR_REPLY, required = false) Boolean wait_for_result,
			@McpToolParam(description = ToolDescriptions.TIMEOUT_SECONDS, required = false) Integer timeout_seconds,
			McpSyncRequestContext context) {
		Duration wait = Boolean.FALSE.equals(wait_for_result) ? Duration.ZERO : this.runner.toolWait(timeout_seconds);
		return this.calls.run("sms_with_input", context, to, text,
				() -> send(to, text, from_, wait, timeout_seconds, context));
	}

	/**
	 * @param replyWait null for a plain SMS; otherwise how long to wait for the reply
	 */
	private CallToolResult send(String to, String text, String from, Duration replyWait, Integer timeoutSeconds,
			McpSyncRequestContext context) {
		SendSms command;
		try {
			Instant now = Instant.now();
			Instant awaitReplyUntil = (replyWait != null) ? now.plus(this.runner.smsReplyWindow(replyWait)) : null;
			command = new SendSms(CommandIds.next(), now, this.runner.deadline(now), Caller.name(context),
					this.inputs.destination("to", to), this.inputs.sender("from_", from),
					this.inputs.smsText("text", text), awaitReplyUntil);
		}
		catch (InvalidToolInputException ex) {
			return ToolResults.invalid(ex.getMessage());
		}
		Progress progress = Progress.of(context);
		UUID id = command.commandId();
		String recipient = "+" + command.to();
		try (Watch watch = this.runner.submit(command, context)) {
			Optional<Outcome> outcome = Waiting.until(watch, this.runner.outcomeWait(command),
					() -> this.view.outcome(id), Optional::isPresent, (ignored) -> "sending", progress);
			if (outcome.isEmpty()) {
				return ToolResults.success(
						"The SMS to " + recipient + " is queued but Vonage has not confirmed it yet (command " + id
								+ "). It will be sent before " + command.expiresAt() + " or not at all.",
						facts(command, "pending"));
			}
			if (!outcome.get().accepted()) {
				Map<String, Object> facts = facts(command, "failed");
				facts.put("reason", outcome.get().reasonCode());
				facts.put("detail", CallResults.failure(outcome.get()));
				return ToolResults
					.error("The SMS to " + recipient + " was not sent: " + CallResults.failure(outcome.get()), facts);
			}
			MessageSnapshot sent = this.view.message(id).orElseThrow();
			if (replyWait == null || replyWait.isZero()) {
				Map<String, Object> facts = facts(command, "accepted");
				facts.put("message_uuid", sent.messageUuid());
				return ToolResults.success("SMS to " + recipient + " accepted by Vonage (message_uuid "
						+ sent.messageUuid() + "). Delivery to the handset is reported separately.", facts);
			}
			MessageSnapshot answered = Waiting.until(watch, replyWait, () -> this.view.message(id).orElse(sent),
					(message) -> message.replyText() != null || message.undelivered(),
					(message) -> (message.status() != null) ? "SMS " + message.status() + ", waiting for the reply"
							: "waiting for the reply",
					progress);
			return describeReply(answered, recipient);
		}
		catch (GatewayNotReadyException ex) {
			return ToolResults.error(
					"The SMS was not sent: " + ex.getMessage() + ". Nothing was queued; try again" + " in a moment.",
					facts(command, "not_queued"));
		}
		catch (CommandNotQueuedException ex) {
			return ToolResults.error("The SMS was not sent: the gateway could not queue it (" + ex.getMessage()
					+ "). It is safe to try again in a moment.", facts(command, "not_queued"));
		}
		catch (CommandRefusedException ex) {
			return ToolResults.refused(ex);
		}
		catch (ToolCancelledException ex) {
			return ToolResults.error("Cancelled by the client; the command itself goes on.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ToolResults.error("The request was cancelled while waiting; the SMS may still be sent.",
					facts(command, "cancelled"));
		}
	}

	private static CallToolResult describeReply(MessageSnapshot message, String recipient) {
		Map<String, Object> facts = CallResults.facts(message);
		if (message.replyText() != null) {
			facts.put("status", "replied");
			return ToolResults.success(recipient + " replied: \"" + message.replyText() + "\"", facts);
		}
		if (message.undelivered()) {
			facts.put("status", "undelivered");
			return ToolResults.error("The SMS to " + recipient + " could not be delivered (" + message.status()
					+ ((message.errorDetail() != null) ? ": " + message.errorDetail() : "") + ").", facts);
		}
		facts.put("status", "pending");
		return ToolResults.success("No reply from " + recipient + " yet. The reply is kept when it comes: call"
				+ " check_call_status with call_uuid=" + message.commandId() + " and wait_seconds=30 to see it.",
				facts);
	}

	private static Map<String, Object> facts(SendSms command, String status) {
		Map<String, Object> facts = new java.util.LinkedHashMap<>();
		facts.put("status", status);
		facts.put("command_id", command.commandId().toString());
		facts.put("to", "+" + command.to());
		facts.put("from", command.from());
		return facts;
	}

}
