package dev.telephony.gateway.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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

	private final Deadlines deadlines;

	private final TelephonyView view;

	private final ToolFlow flow;

	SmsTools(ToolInputs inputs, Deadlines deadlines, TelephonyView view, ToolFlow flow) {
		this.inputs = inputs;
		this.deadlines = deadlines;
		this.view = view;
		this.flow = flow;
	}

	@McpTool(name = "send_sms", description = ToolDescriptions.SEND_SMS,
			annotations = @McpTool.McpAnnotations(title = "Send SMS", readOnlyHint = false, destructiveHint = true,
					idempotentHint = false, openWorldHint = true))
	public CallToolResult sendSms(@McpToolParam(description = ToolDescriptions.SMS_TO, required = true) String to,
			@McpToolParam(description = ToolDescriptions.SMS_TEXT, required = true) String text,
			@McpToolParam(description = ToolDescriptions.SMS_FROM, required = false) String from_,
			McpSyncRequestContext context) {
		return this.flow.send("send_sms", context, to, text, new Sms(to, text, from_, null));
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
		Duration wait = Boolean.FALSE.equals(wait_for_result) ? Duration.ZERO
				: this.deadlines.toolWait(timeout_seconds);
		return this.flow.send("sms_with_input", context, to, text, new Sms(to, text, from_, wait));
	}

	/**
	 * One SMS; {@code replyWait} is null for a plain SMS, otherwise how long to wait for
	 * the reply.
	 */
	private final class Sms implements CommandCall<SendSms> {

		private final String to;

		private final String text;

		private final String from;

		private final Duration replyWait;

		Sms(String to, String text, String from, Duration replyWait) {
			this.to = to;
			this.text = text;
			this.from = from;
			this.replyWait = replyWait;
		}

		@Override
		public SendSms command(NewCommand header) {
			Instant awaitReplyUntil = (this.replyWait != null)
					? header.createdAt().plus(SmsTools.this.deadlines.smsReplyWindow(this.replyWait)) : null;
			return new SendSms(header.commandId(), header.createdAt(), header.expiresAt(), header.requestedBy(),
					SmsTools.this.inputs.destination("to", this.to), SmsTools.this.inputs.sender("from_", this.from),
					SmsTools.this.inputs.smsText("text", this.text), awaitReplyUntil);
		}

		@Override
		public Words words() {
			return new Words("The SMS was not sent", "the SMS may still be sent", "sending");
		}

		@Override
		public CallToolResult queued(SendSms command) {
			return ToolResults
				.success("The SMS to +" + command.to() + " is queued but Vonage has not confirmed it yet (command "
						+ command.commandId() + "). It will be sent before " + command.expiresAt() + " or not at all.",
						CallResults.facts(command, "pending"));
		}

		@Override
		public CallToolResult failed(SendSms command, Outcome outcome) {
			Map<String, Object> facts = CallResults.facts(command, "failed");
			facts.put("reason", outcome.reasonCode());
			facts.put("detail", CallResults.failure(outcome));
			return ToolResults.error("The SMS to +" + command.to() + " was not sent: " + CallResults.failure(outcome),
					facts);
		}

		@Override
		public CallToolResult accepted(SendSms command, Watch watch, Progress progress) throws InterruptedException {
			String recipient = "+" + command.to();
			MessageSnapshot sent = SmsTools.this.view.message(command.commandId()).orElseThrow();
			if (this.replyWait == null || this.replyWait.isZero()) {
				Map<String, Object> facts = CallResults.facts(command, "accepted");
				facts.put("message_uuid", sent.messageUuid());
				return ToolResults.success("SMS to " + recipient + " accepted by Vonage (message_uuid "
						+ sent.messageUuid() + "). Delivery to the handset is reported separately.", facts);
			}
			MessageSnapshot answered = Waiting.until(watch, this.replyWait,
					() -> SmsTools.this.view.message(command.commandId()).orElse(sent),
					(message) -> message.replyText() != null || message.undelivered(),
					(message) -> (message.status() != null) ? "SMS " + message.status() + ", waiting for the reply"
							: "waiting for the reply",
					progress);
			return describeReply(answered, recipient);
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

}
