package dev.telephony.gateway.mcp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Bounds how much of a flood the gateway holds before {@link ToolCallAdmission} can
 * refuse it. That check needs the request's message, so it runs after the body is read
 * and the caller authenticated, on a thread whose stack lies in the heap while it waits
 * for the CPU: a flood several times the admission limit filled a 256 MB heap with
 * requests still on their way to being refused, and the gateway died. Jetty's QoS handler
 * lets through the tool calls in progress plus a few lanes of other work, keeps the next
 * requests waiting without a thread, and answers the rest 503 with {@code Retry-After}
 * before reading them. GET (event streams, health, metadata) is not limited: a probe must
 * not fail because tool calls pile up, and a client's listening stream must not take a
 * lane.
 */
final class IntakeLimit extends QoSHandler {

	private static final String REFUSAL = "The gateway is at capacity; nothing was done. Try again in a few seconds.\n";

	private final Counter queueFull;

	private final Counter waitedTooLong;

	IntakeLimit(int toolCalls, AdmissionProperties properties, MeterRegistry meters) {
		setMaxRequestCount(toolCalls + properties.intakeLanes());
		setMaxSuspendedRequestCount(properties.intakeQueue());
		setMaxSuspend(properties.intakeWait());
		excludeMethod("GET", "HEAD", "OPTIONS");
		this.queueFull = shed(meters, "queue_full");
		this.waitedTooLong = shed(meters, "waited_too_long");
		Gauge.builder("telephony.mcp.requests.queued", this, QoSHandler::getSuspendedRequestCount)
			.description("MCP requests waiting for a lane at intake")
			.register(meters);
	}

	/** This limit in front of {@code handler}. */
	IntakeLimit wrapping(Handler handler) {
		setHandler(handler);
		return this;
	}

	private static Counter shed(MeterRegistry meters, String reason) {
		return Counter.builder("telephony.mcp.requests.shed")
			.description("MCP requests answered 503 at intake, before they were read, by reason")
			.tag("reason", reason)
			.register(meters);
	}

	@Override
	protected void reject(Request request, Response response, Callback callback, int status) {
		this.queueFull.increment();
		refuse(response, callback);
	}

	@Override
	protected void failSuspended(Request request, Response response, Callback callback, int status, Throwable failure) {
		this.waitedTooLong.increment();
		refuse(response, callback);
	}

	private static void refuse(Response response, Callback callback) {
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
		response.getHeaders().put(HttpHeader.RETRY_AFTER, ToolCallAdmission.RETRY_AFTER_SECONDS);
		response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
		Content.Sink.write(response, true, REFUSAL, callback);
	}

}
