package dev.telephony.gateway.mcp;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import reactor.core.publisher.Mono;

import org.springframework.web.servlet.function.ServerResponse.SseBuilder;

/**
 * One open event stream of a session: a request's answer, or the session's listening
 * stream. Messages come from whichever thread the session answers on, so writes are
 * serialised.
 */
final class SseStream implements McpStreamableServerTransport {

	private final String sessionId;

	private final SseBuilder sse;

	private final McpJsonMapper json;

	private final ReentrantLock writing = new ReentrantLock();

	private boolean closed;

	SseStream(String sessionId, SseBuilder sse, McpJsonMapper json) {
		this.sessionId = sessionId;
		this.sse = sse;
		this.json = json;
	}

	@Override
	public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
		return sendMessage(message, null);
	}

	@Override
	public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
		return Mono.fromRunnable(() -> {
			this.writing.lock();
			try {
				if (!this.closed) {
					this.sse.id((messageId != null) ? messageId : this.sessionId)
						.event("message")
						.data(this.json.writeValueAsString(message));
				}
			}
			catch (IOException ex) {
				// The client is gone; the stream cannot carry anything more.
				this.closed = true;
				this.sse.error(ex);
			}
			finally {
				this.writing.unlock();
			}
		});
	}

	/** The answer could not be produced: end the stream with the failure. */
	void fail(Throwable failure) {
		this.writing.lock();
		try {
			if (!this.closed) {
				this.closed = true;
				this.sse.error(failure);
			}
		}
		finally {
			this.writing.unlock();
		}
	}

	@Override
	public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
		return this.json.convertValue(data, type);
	}

	@Override
	public Mono<Void> closeGracefully() {
		return Mono.fromRunnable(this::close);
	}

	@Override
	public void close() {
		this.writing.lock();
		try {
			if (!this.closed) {
				this.closed = true;
				this.sse.complete();
			}
		}
		finally {
			this.writing.unlock();
		}
	}

}
