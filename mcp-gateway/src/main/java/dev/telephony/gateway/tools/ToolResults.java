package dev.telephony.gateway.tools;

import java.util.Map;

import dev.telephony.gateway.policy.CommandRefusedException;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/** Tool results: a sentence for the model, and the same facts as structured content. */
final class ToolResults {

	private ToolResults() {
	}

	static CallToolResult success(String text, Map<String, Object> structured) {
		return CallToolResult.builder().addTextContent(text).structuredContent(structured).isError(false).build();
	}

	/**
	 * A failed tool run. MCP keeps protocol errors for protocol faults; a tool that could
	 * not do its job says so in a result the model can read and act on.
	 */
	static CallToolResult error(String text, Map<String, Object> structured) {
		return CallToolResult.builder().addTextContent(text).structuredContent(structured).isError(true).build();
	}

	static CallToolResult error(String text) {
		return error(text, Map.of("status", "error", "error", text));
	}

	/** Arguments the tool cannot use; nothing was done. */
	static CallToolResult invalid(String text) {
		return error(text, Map.of("status", "invalid", "error", text));
	}

	/** A command the gateway's policy or quotas refused; nothing was published. */
	static CallToolResult refused(CommandRefusedException refusal) {
		return error(refusal.getMessage(),
				Map.of("status", "refused", "reason", refusal.reason(), "error", refusal.getMessage()));
	}

}
