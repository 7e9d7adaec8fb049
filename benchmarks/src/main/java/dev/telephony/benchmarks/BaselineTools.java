package dev.telephony.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.beans.factory.annotation.Value;

/** The baseline's only tool: the provider call, synchronously, nothing else. */
class BaselineTools {

	private final DirectSms sms;

	private final String defaultFrom;

	BaselineTools(DirectSms sms, @Value("${baseline.default-from:14155550100}") String defaultFrom) {
		this.sms = sms;
		this.defaultFrom = defaultFrom;
	}

	@McpTool(name = "send_sms", description = "Sends one SMS through the Vonage Messages API and returns its id.")
	public CallToolResult sendSms(@McpToolParam(description = "recipient, international", required = true) String to,
			@McpToolParam(description = "message text", required = true) String text,
			@McpToolParam(description = "sender", required = false) String from_) {
		String digits = to.replaceAll("[^0-9]", "");
		String from = (from_ != null && !from_.isBlank()) ? from_ : this.defaultFrom;
		try {
			String messageUuid = this.sms.send(from, digits, text);
			Map<String, Object> facts = new LinkedHashMap<>();
			facts.put("status", "accepted");
			facts.put("to", "+" + digits);
			facts.put("message_uuid", messageUuid);
			return CallToolResult.builder()
				.addTextContent("SMS to +" + digits + " accepted by Vonage (message_uuid " + messageUuid + ").")
				.structuredContent(facts)
				.build();
		}
		catch (RuntimeException ex) {
			return CallToolResult.builder()
				.addTextContent("The SMS was not sent: " + ex.getMessage())
				.isError(true)
				.build();
		}
	}

}
