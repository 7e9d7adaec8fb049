package dev.telephony.gateway.tools;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.telephony.gateway.commands.CommandIds;
import dev.telephony.gateway.commands.CommandNotQueuedException;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.CommandExpired;
import dev.telephony.schemas.CommandFailed;
import dev.telephony.schemas.CommandOutcomeUnknown;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.SendSms;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Implementation;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;
import org.springframework.stereotype.Component;

/** The SMS tools. */
@Component
class SmsTools {

	private final ToolInputs inputs;

	private final CommandRunner runner;

	private final MeterRegistry meters;

	SmsTools(ToolInputs inputs, CommandRunner runner, MeterRegistry meters) {
		this.inputs = inputs;
		this.runner = runner;
		this.meters = meters;
	}

	@McpTool(name = "send_sms", description = ToolDescriptions.SEND_SMS,
			annotations = @McpTool.McpAnnotations(title = "Send SMS", readOnlyHint = false, destructiveHint = false,
					idempotentHint = false, openWorldHint = true))
	public CallToolResult sendSms(@McpToolParam(description = ToolDescriptions.SMS_TO, required = true) String to,
			@McpToolParam(description = ToolDescriptions.SMS_TEXT, required = true) String text,
			@McpToolParam(description = ToolDescriptions.SMS_FROM, required = false) String from_,
			McpSyncRequestContext context) {
		Timer.Sample sample = Timer.start(this.meters);
		CallToolResult result = send(to, text, from_, requester(context));
		sample.stop(Timer.builder("telephony.mcp.tool.calls")
			.description("MCP tool calls, by tool and outcome")
			.tag("tool", "send_sms")
			.tag("outcome", outcome(result))
			.register(this.meters));
		return result;
	}

	private CallToolResult send(String to, String text, String from, String requestedBy) {
		SendSms command;
		try {
			Instant now = Instant.now();
			command = new SendSms(CommandIds.next(), now, this.runner.deadline(now), requestedBy,
					this.inputs.destination("to", to), this.inputs.sender("from_", from),
					this.inputs.smsText("text", text));
		}
		catch (InvalidToolInputException ex) {
			return ToolResults.error(ex.getMessage());
		}
		try {
			return describe(command, this.runner.run(command));
		}
		catch (GatewayNotReadyException ex) {
			return ToolResults.error(
					"The SMS was not sent: " + ex.getMessage() + ". Nothing was queued; try again in a moment.",
					facts(command, "not_queued"));
		}
		catch (CommandNotQueuedException ex) {
			return ToolResults.error("The SMS was not sent: the gateway could not queue it (" + ex.getMessage()
					+ "). It is safe to try again in a moment.", facts(command, "not_queued"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ToolResults.error("The request was cancelled while waiting; the SMS may still be sent.",
					facts(command, "cancelled"));
		}
	}

	private CallToolResult describe(SendSms command, Optional<Event> outcome) {
		String to = "+" + command.to();
		if (outcome.isEmpty()) {
			return ToolResults.success("The SMS to " + to + " is queued but Vonage has not confirmed it yet (command "
					+ command.commandId() + "). It will be sent before " + command.expiresAt() + " or not at all.",
					facts(command, "pending"));
		}
		return switch (outcome.get()) {
			case CommandAccepted accepted -> {
				Map<String, Object> facts = facts(command, "accepted");
				facts.put("message_uuid", accepted.messageUuid());
				yield ToolResults.success("SMS to " + to + " accepted by Vonage (message_uuid " + accepted.messageUuid()
						+ "). Delivery to the handset is reported separately.", facts);
			}
			case CommandFailed failed -> {
				Map<String, Object> facts = facts(command, "failed");
				facts.put("reason", failed.reasonCode());
				facts.put("detail", failed.detail());
				yield ToolResults.error("The SMS to " + to + " was not sent: " + failed.detail(), facts);
			}
			case CommandExpired expired -> ToolResults.error("The SMS to " + to
					+ " was not sent: it expired before it could be dispatched. Nothing was sent; it is safe to try again.",
					facts(command, "expired"));
			case CommandOutcomeUnknown unknown ->
				ToolResults.error("It is unknown whether the SMS to " + to + " was sent: " + unknown.detail()
						+ " Do not send it again without checking first.", facts(command, "unknown"));
			default -> throw new IllegalStateException("not an outcome: " + outcome.get());
		};
	}

	private static Map<String, Object> facts(SendSms command, String status) {
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("status", status);
		facts.put("command_id", command.commandId().toString());
		facts.put("to", "+" + command.to());
		facts.put("from", command.from());
		return facts;
	}

	private static String requester(McpSyncRequestContext context) {
		Implementation client = (context != null) ? context.clientInfo() : null;
		return (client != null && client.name() != null) ? client.name() : "unknown-client";
	}

	private static String outcome(CallToolResult result) {
		if (result.structuredContent() instanceof Map<?, ?> facts && facts.get("status") instanceof String status) {
			return status;
		}
		return Boolean.TRUE.equals(result.isError()) ? "error" : "success";
	}

}
