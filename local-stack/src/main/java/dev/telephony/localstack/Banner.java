package dev.telephony.localstack;

import java.nio.file.Path;

/**
 * What the user needs once the stack is up: where to point an MCP client.
 */
final class Banner {

	static final String MCP_URL = "http://127.0.0.1:" + ServicePlan.GATEWAY_PORT + "/mcp";

	static final String CLAUDE_DESKTOP_CONFIG = """
			{
			  "mcpServers": {
			    "telephony": {
			      "command": "npx",
			      "args": ["-y", "mcp-remote", "%s"]
			    }
			  }
			}""".formatted(MCP_URL);

	static final String INSPECTOR_COMMAND = "npx -y @modelcontextprotocol/inspector@2.12.0 --cli " + MCP_URL
			+ " --transport http --method tools/list";

	private Banner() {
	}

	/**
	 * @param tokensConfigured whether the gateway was given client tokens, and so wants
	 * one from every client
	 */
	static String ready(VonageSelection vonage, String bootstrapServers, Path logsDir, boolean tokensConfigured) {
		return """

				The telephony stack is up.
				  Vonage:    %s
				  MCP URL:   %s
				  MCP auth:  %s
				  Kafka:     %s
				  Logs:      %s

				Claude Desktop (add to claude_desktop_config.json):
				%s

				MCP Inspector CLI:
				  %s

				Press Ctrl-C to stop everything.
				""".formatted(vonage.description(), MCP_URL,
				tokensConfigured ? "bearer token required (see README, Security: mcp-remote --header)"
						: "none: open to clients on this machine only",
				bootstrapServers, logsDir, CLAUDE_DESKTOP_CONFIG, INSPECTOR_COMMAND);
	}

}
