package dev.telephony.gateway.mcp;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.modelcontextprotocol.json.McpJsonDefaults;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.function.ServerResponse.SseBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event stream's heartbeat: one at a time, however long a write takes.
 */
class SseStreamTests {

	@Test
	void aHeartbeatIsNotDueAgainUntilTheLastOneIsWritten() throws Exception {
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger comments = new AtomicInteger();
		SseStream stream = new SseStream("session", new StuckClient(() -> {
			comments.incrementAndGet();
			writing.countDown();
			release.await(20, TimeUnit.SECONDS);
		}), McpJsonDefaults.getMapper(), () -> {
		});

		assertThat(stream.heartbeatDue()).isTrue();
		Thread beat = Thread.ofVirtual().start(stream::heartbeat);
		assertThat(writing.await(20, TimeUnit.SECONDS)).isTrue();
		assertThat(stream.heartbeatDue()).as("the last one is still being written").isFalse();
		assertThat(stream.heartbeatDue()).as("nor at the beat after").isFalse();

		release.countDown();
		assertThat(beat.join(Duration.ofSeconds(20))).isTrue();
		assertThat(stream.heartbeatDue()).as("once it is written").isTrue();
		assertThat(stream.heartbeat()).isTrue();
		assertThat(comments).hasValue(2);
	}

	/** A client whose every comment takes as long as {@code comment} says. */
	private record StuckClient(Send comment) implements SseBuilder {

		interface Send {

			void run() throws Exception;

		}

		@Override
		public void send(Object object) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void send() throws IOException {
			try {
				this.comment.run();
			}
			catch (Exception ex) {
				throw new IOException(ex);
			}
		}

		@Override
		public SseBuilder id(String id) {
			return this;
		}

		@Override
		public SseBuilder event(String eventName) {
			return this;
		}

		@Override
		public SseBuilder retry(Duration duration) {
			return this;
		}

		@Override
		public SseBuilder comment(String comment) {
			return this;
		}

		@Override
		public void data(Object object) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void error(Throwable throwable) {
		}

		@Override
		public void complete() {
		}

		@Override
		public SseBuilder onTimeout(Runnable onTimeout) {
			return this;
		}

		@Override
		public SseBuilder onError(Consumer<Throwable> onError) {
			return this;
		}

		@Override
		public SseBuilder onComplete(Runnable onCompletion) {
			return this;
		}

	}

}
