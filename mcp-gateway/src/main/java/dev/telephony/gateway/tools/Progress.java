package dev.telephony.gateway.tools;

import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;

/**
 * MCP progress notifications for one tool call. Only a client that sent a progress token
 * asked for them; for the others this does nothing.
 */
final class Progress {

	private final McpSyncRequestContext context;

	private int step;

	private Progress(McpSyncRequestContext context) {
		this.context = context;
	}

	static Progress of(McpSyncRequestContext context) {
		boolean asked = context != null && context.request() != null && context.request().progressToken() != null;
		return new Progress(asked ? context : null);
	}

	void report(String message) {
		if (this.context == null) {
			return;
		}
		this.step++;
		int step = this.step;
		this.context.progress((progress) -> progress.progress(step).message(message));
	}

}
