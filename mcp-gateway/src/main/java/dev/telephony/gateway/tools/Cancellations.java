package dev.telephony.gateway.tools;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.telephony.gateway.view.Watch;
import io.modelcontextprotocol.server.McpSyncServerExchange;

import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;
import org.springframework.stereotype.Component;

/**
 * Waiting tool calls by MCP session and JSON-RPC request id, so that a client's
 * {@code notifications/cancelled} ends the right wait. The SDK does not route that
 * notification itself; {@code system.McpRequestTags} reads it off the wire and calls
 * {@link #cancel}.
 */
@Component
public class Cancellations {

	/**
	 * Transport-context key under which the JSON-RPC id of a tools/call request travels.
	 */
	public static final String REQUEST_ID = "telephony.mcp.request-id";

	private final Map<String, Watch> waiting = new ConcurrentHashMap<>();

	/**
	 * Makes {@code watch} cancellable by the client of {@code context} until it is
	 * closed.
	 */
	Watch track(McpSyncRequestContext context, Watch watch) {
		String key = key(context);
		if (key != null) {
			this.waiting.put(key, watch);
			watch.onClose(() -> this.waiting.remove(key, watch));
		}
		return watch;
	}

	public void cancel(String sessionId, String requestId) {
		Watch watch = this.waiting.get(sessionId + " " + requestId);
		if (watch != null) {
			watch.cancel();
		}
	}

	private static String key(McpSyncRequestContext context) {
		McpSyncServerExchange exchange = (context != null) ? context.exchange() : null;
		if (exchange == null || exchange.sessionId() == null || exchange.transportContext() == null) {
			return null;
		}
		Object requestId = exchange.transportContext().get(REQUEST_ID);
		return (requestId != null) ? exchange.sessionId() + " " + requestId : null;
	}

}
