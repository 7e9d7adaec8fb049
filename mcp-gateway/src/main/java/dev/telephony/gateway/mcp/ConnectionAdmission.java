package dev.telephony.gateway.mcp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Keeps the gateway's open connections under a limit, and answers a connection past it
 * with a 503 before anything of its request runs.
 * <p>
 * {@link ToolCallAdmission} bounds the tool calls, but only once a request has reached
 * it: on a saturated machine a flood's requests wait for a thread long before that, each
 * holding its connection, its parsed request and its virtual thread, and the heap went
 * with them (BENCHMARKS.md, runs W0–W5). Every request in progress holds a connection
 * here (HTTP/1.1, one request at a time), so a bound on connections is a bound on all of
 * it. The refusal is written by the selector that reads the connection, with no thread of
 * its own and no parsing, so it stays fast when the cores are busy.
 * <p>
 * A new connection is refused the same way while request work has waited longer than
 * {@code max-queue-wait} for a thread ({@link RequestQueue}): on saturated cores the
 * limit is not reached, yet everything admitted waits its turn for tens of seconds, and
 * more connections would only lengthen the wait. The connections already open go on.
 * <p>
 * {@code GET /actuator/...} is let through past the limit: a busy gateway must still
 * answer its health check and its metrics scrape, or it is taken for a dead one exactly
 * when it is busiest.
 */
@Component
class ConnectionAdmission implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> {

	private static final Log logger = LogFactory.getLog(ConnectionAdmission.class);

	private final int limit;

	private final AtomicInteger open = new AtomicInteger();

	private final RequestQueue queue;

	private final Duration maxQueueWait;

	private final Counter refusedAtLimit;

	private final Counter refusedForQueue;

	private final ByteBuffer limitRefusal;

	private final ByteBuffer queueRefusal;

	private final Connection.Listener closing = new Connection.Listener() {

		@Override
		public void onClosed(Connection connection) {
			ConnectionAdmission.this.open.decrementAndGet();
		}

	};

	ConnectionAdmission(AdmissionProperties properties, RequestQueue queue, MeterRegistry meters) {
		this.limit = properties.connectionLimit(Runtime.getRuntime().maxMemory());
		this.queue = queue;
		this.maxQueueWait = properties.maxQueueWait();
		this.limitRefusal = refusal("The gateway is at capacity (" + this.limit + " connections open)");
		this.queueRefusal = refusal(
				"The gateway is at capacity (requests are waiting more than " + text(this.maxQueueWait) + " to start)");
		this.refusedAtLimit = refused(meters, "connection_limit");
		this.refusedForQueue = refused(meters, "queue_wait");
		Gauge.builder("telephony.mcp.connections.open", this.open, AtomicInteger::get)
			.description("Connections open, the ones let through to the actuator among them")
			.register(meters);
		Gauge.builder("telephony.mcp.connections.limit", () -> this.limit)
			.description("The most connections open at once; more are answered 503")
			.register(meters);
		logger.info("Keeping at most " + this.limit + " connections open"
				+ ((properties.maxConnections() > 0) ? ", as telephony.gateway.admission.max-connections says"
						: ", the tool-call limit and room for sessions' streams")
				+ (this.maxQueueWait.isZero() ? "" : ", and none new while request work waits more than "
						+ text(this.maxQueueWait) + " to start (telephony.gateway.admission.max-queue-wait)"));
	}

	private static String text(Duration wait) {
		long millis = wait.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

	private static Counter refused(MeterRegistry meters, String reason) {
		return Counter.builder("telephony.mcp.connections.refused")
			.description("Connections answered 503 at once, by reason: past the connection limit, or while"
					+ " request work waits too long for a thread")
			.tag("reason", reason)
			.register(meters);
	}

	private static ByteBuffer refusal(String why) {
		byte[] body = JsonRpcErrors.body(503, null,
				why + "; this request was not read and nothing was sent. Try again in a few seconds.");
		String head = "HTTP/1.1 503 Service Unavailable\r\n" + "Retry-After: " + ToolCallAdmission.RETRY_AFTER_SECONDS
				+ "\r\n" + "Content-Type: application/json\r\n" + "Content-Length: " + body.length + "\r\n"
				+ "Connection: close\r\n\r\n";
		byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
		ByteBuffer answer = ByteBuffer.allocate(headBytes.length + body.length).put(headBytes).put(body).flip();
		return answer.asReadOnlyBuffer();
	}

	int open() {
		return this.open.get();
	}

	@Override
	public void customize(ConfigurableJettyWebServerFactory factory) {
		factory.addServerCustomizers((server) -> {
			for (Connector connector : server.getConnectors()) {
				HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
				if (connector instanceof ServerConnector serverConnector && http != null) {
					// Same protocol: it takes the place of the one Spring Boot
					// configured.
					serverConnector.addConnectionFactory(new Admitting(http));
				}
			}
		});
	}

	/** Jetty's own HTTP/1.1 connections, counted, and a refusal past the limit. */
	private final class Admitting extends HttpConnectionFactory {

		Admitting(HttpConnectionFactory configured) {
			super(configured.getHttpConfiguration());
			setInputBufferSize(configured.getInputBufferSize());
			setUseInputDirectByteBuffers(configured.isUseInputDirectByteBuffers());
			setUseOutputDirectByteBuffers(configured.isUseOutputDirectByteBuffers());
			setTransferEncodingChunkMaxLength(configured.getTransferEncodingChunkMaxLength());
		}

		@Override
		public Connection newConnection(Connector connector, EndPoint endPoint) {
			if (queueTooLong()) {
				return refused(connector, endPoint, ConnectionAdmission.this.queueRefusal,
						ConnectionAdmission.this.refusedForQueue);
			}
			if (!take()) {
				return refused(connector, endPoint, ConnectionAdmission.this.limitRefusal,
						ConnectionAdmission.this.refusedAtLimit);
			}
			return counted(connector, endPoint);
		}

		private boolean queueTooLong() {
			Duration max = ConnectionAdmission.this.maxQueueWait;
			return !max.isZero() && ConnectionAdmission.this.queue.oldestWait().compareTo(max) > 0;
		}

		private Connection refused(Connector connector, EndPoint endPoint, ByteBuffer answer, Counter refusals) {
			return new RefusedConnection(endPoint, connector.getExecutor(), answer,
					() -> letThrough(connector, endPoint), refusals::increment);
		}

		/** A real connection past the limit, for the actuator: counted, never refused. */
		private Connection letThrough(Connector connector, EndPoint endPoint) {
			ConnectionAdmission.this.open.incrementAndGet();
			return counted(connector, endPoint);
		}

		/** The real connection, whose slot is given back when it closes. */
		private Connection counted(Connector connector, EndPoint endPoint) {
			Connection connection = super.newConnection(connector, endPoint);
			connection.addEventListener(ConnectionAdmission.this.closing);
			return connection;
		}

		private boolean take() {
			int limit = ConnectionAdmission.this.limit;
			return ConnectionAdmission.this.open.getAndUpdate((open) -> (open < limit) ? open + 1 : open) < limit;
		}

	}

}
