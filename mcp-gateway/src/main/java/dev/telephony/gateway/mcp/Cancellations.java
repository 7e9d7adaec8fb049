package dev.telephony.gateway.mcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.modelcontextprotocol.server.McpSyncServerExchange;

import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;
import org.springframework.stereotype.Component;

/**
 * Waiting tool calls by MCP session and JSON-RPC request id, so that a client's
 * {@code notifications/cancelled} ends the right wait. The SDK does not route that
 * notification itself; {@link McpRequestTags} reads it off the wire and calls
 * {@link #cancel}.
 */
@Component
public class Cancellations {

	/**
	 * Transport-context key under which the JSON-RPC id of a tools/call request travels.
	 */
	static final String REQUEST_ID = "telephony.mcp.request-id";

	private static final Runnable NOTHING_TRACKED = () -> {
	};

	private final Map<String, Runnable> waiting = new ConcurrentHashMap<>();

	/**
	 * Lets the client of {@code context} cancel the tool call it is making: its
	 * {@code notifications/cancelled} for that request runs {@code onCancel}.
	 * @return what to run once the tool call no longer waits, to forget it
	 */
	public Runnable track(McpSyncRequestContext context, Runnable onCancel) {
		String key = key(context);
		if (key == null) {
			return NOTHING_TRACKED;
		}
		this.waiting.put(key, onCancel);
		return () -> this.waiting.remove(key, onCancel);
	}

	void cancel(String sessionId, String requestId) {
		Runnable onCancel = this.waiting.get(sessionId + " " + requestId);
		if (onCancel != null) {
			onCancel.run();
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
