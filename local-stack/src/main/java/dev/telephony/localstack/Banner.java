package dev.telephony.localstack;

import java.nio.file.Path;

import dev.telephony.localstack.LocalSignIn.Account;

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
	 * @param signIn the local authorization server's user
	 */
	static String ready(VonageSelection vonage, String bootstrapServers, Path logsDir, boolean tokensConfigured,
			Account signIn) {
		return """

				The telephony stack is up.
				  Vonage:    %s
				  MCP URL:   %s
				  MCP auth:  %s
				  OAuth:     %s is also the connector URL for OAuth clients; they sign in at %s
				             as %s, with the password in %s
				  Kafka:     %s
				  Logs:      %s

				Claude Desktop (add to claude_desktop_config.json):
				%s

				MCP Inspector CLI:
				  %s

				Press Ctrl-C to stop everything.
				""".formatted(vonage.description(), MCP_URL,
				tokensConfigured ? "bearer token required (see README, Security: mcp-remote --header)"
						: "none for clients on this machine; any token sent is checked",
				MCP_URL, ServicePlan.issuer(ServicePlan.AUTH_PORT), signIn.user(), signIn.passwordFile(),
				bootstrapServers, logsDir, CLAUDE_DESKTOP_CONFIG, INSPECTOR_COMMAND);
	}

}
