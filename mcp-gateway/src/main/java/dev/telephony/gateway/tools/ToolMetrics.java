package dev.telephony.gateway.tools;

import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Implementation;

import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;
import org.springframework.stereotype.Component;

/**
 * Times every tool call under one meter, tagged by tool and the bounded result status.
 */
@Component
class ToolMetrics {

	private final MeterRegistry meters;

	ToolMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	CallToolResult timed(String tool, Supplier<CallToolResult> call) {
		Timer.Sample sample = Timer.start(this.meters);
		CallToolResult result = call.get();
		sample.stop(Timer.builder("telephony.mcp.tool.calls")
			.description("MCP tool calls, by tool and outcome")
			.tag("tool", tool)
			.tag("outcome", outcome(result))
			.register(this.meters));
		return result;
	}

	/** Who asked: the client's own name until authentication names it better. */
	static String requester(McpSyncRequestContext context) {
		Implementation client = (context != null) ? context.clientInfo() : null;
		return (client != null && client.name() != null) ? client.name() : "unknown-client";
	}

	private static String outcome(CallToolResult result) {
		if (Boolean.TRUE.equals(result.isError())) {
			return "error";
		}
		if (result.structuredContent() instanceof Map<?, ?> facts && "pending".equals(facts.get("status"))) {
			return "pending";
		}
		return "success";
	}

}
