package dev.telephony.gateway.tools;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/** A tool's result for the client, and what its audit record says the call was about. */
record ToolAnswer(CallToolResult result, AuditDetails audit) {

}
