package dev.telephony.gateway.auth;

import io.modelcontextprotocol.server.McpSyncServerExchange;

import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;

/**
 * The authenticated client behind a request: set by {@link BearerTokenFilter} on the HTTP
 * request, carried into the MCP transport context, read by the tools.
 */
public final class Caller {

	/** Request attribute and transport-context key holding the client's name. */
	public static final String KEY = "telephony.mcp.caller";

	/** Request attribute and transport-context key holding the OAuth client's id. */
	public static final String CLIENT_KEY = "telephony.mcp.oauth-client";

	/** The name of clients let in without a token on a loopback-only gateway. */
	public static final String LOCAL = "local";

	private Caller() {
	}

	/** Who is calling; a context without one never got past the filter. */
	public static String name(McpSyncRequestContext context) {
		McpSyncServerExchange exchange = (context != null) ? context.exchange() : null;
		Object name = (exchange != null && exchange.transportContext() != null) ? exchange.transportContext().get(KEY)
				: null;
		if (name == null) {
			throw new IllegalStateException("a tool ran without an authenticated caller");
		}
		return name.toString();
	}

	/** The OAuth client calling for {@link #name}, or null without an OAuth token. */
	public static String client(McpSyncRequestContext context) {
		McpSyncServerExchange exchange = (context != null) ? context.exchange() : null;
		Object client = (exchange != null && exchange.transportContext() != null)
				? exchange.transportContext().get(CLIENT_KEY) : null;
		return (client != null) ? client.toString() : null;
	}

}
