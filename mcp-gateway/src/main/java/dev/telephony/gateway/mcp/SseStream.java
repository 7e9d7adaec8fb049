package dev.telephony.gateway.mcp;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * serialised. A write that fails, or an error the container reports, means the client is
 * gone: {@code onBroken} hears of it once.
 */
final class SseStream implements McpStreamableServerTransport {

	private final String sessionId;

	private final SseBuilder sse;

	private final McpJsonMapper json;

	private final Runnable onBroken;

	private final ReentrantLock writing = new ReentrantLock();

	private final AtomicBoolean brokenReported = new AtomicBoolean();

	private final AtomicBoolean heartbeatPending = new AtomicBoolean();

	private boolean closed;

	SseStream(String sessionId, SseBuilder sse, McpJsonMapper json, Runnable onBroken) {
		this.sessionId = sessionId;
		this.sse = sse;
		this.json = json;
		this.onBroken = onBroken;
		sse.onError((failure) -> broken());
	}

	String sessionId() {
		return this.sessionId;
	}

	@Override
	public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
		return sendMessage(message, null);
	}

	@Override
	public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
		return Mono.fromRunnable(() -> write(() -> this.sse.id((messageId != null) ? messageId : this.sessionId)
			.event("message")
			.data(this.json.writeValueAsString(message))));
	}

	/**
	 * An SSE comment, which clients ignore: an idle stream's only way to find out that
	 * its client has gone (the write fails), and it keeps proxies from timing it out.
	 * @return whether the stream is still open
	 */
	boolean heartbeat() {
		try {
			return write(() -> this.sse.comment("").send());
		}
		finally {
			this.heartbeatPending.set(false);
		}
	}

	/**
	 * Whether a heartbeat is to be started now: not while the last one has not been
	 * written. On a saturated gateway a beat's writes wait for a thread, and a new round
	 * every interval would pile up behind them, thousands at a time.
	 */
	boolean heartbeatDue() {
		return this.heartbeatPending.compareAndSet(false, true);
	}

	/** The answer could not be produced: end the stream with the failure. */
	void fail(Throwable failure) {
		end(() -> this.sse.error(failure));
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
		end(this.sse::complete);
	}

	/**
	 * @return whether the stream is still open after the write
	 */
	private boolean write(SseWrite write) {
		this.writing.lock();
		try {
			if (this.closed) {
				return false;
			}
			write.run();
			return true;
		}
		catch (IOException ex) {
			this.closed = true;
			this.sse.error(ex);
		}
		finally {
			this.writing.unlock();
		}
		broken();
		return false;
	}

	private void end(Runnable ending) {
		this.writing.lock();
		try {
			if (!this.closed) {
				this.closed = true;
				ending.run();
			}
		}
		finally {
			this.writing.unlock();
		}
	}

	private void broken() {
		if (this.brokenReported.compareAndSet(false, true)) {
			this.onBroken.run();
		}
	}

	@FunctionalInterface
	private interface SseWrite {

		void run() throws IOException;

	}

}
