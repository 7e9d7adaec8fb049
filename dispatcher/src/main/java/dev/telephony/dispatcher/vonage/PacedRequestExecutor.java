package dev.telephony.dispatcher.vonage;

import java.io.IOException;

import org.apache.http.HttpClientConnection;
import org.apache.http.HttpException;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpRequestExecutor;

/**
 * Sends every provider request in its rate slot: by the time the HTTP client writes the
 * request, the SDK has built and signed it and the connection is open, so what reaches
 * the provider then is as close to the slot's start as this process can make it.
 */
class PacedRequestExecutor extends HttpRequestExecutor {

	private final Runnable awaitSendTime;

	/**
	 * @param awaitSendTime returns when the request may be written, or throws when it
	 * must not be sent
	 */
	PacedRequestExecutor(Runnable awaitSendTime) {
		this.awaitSendTime = awaitSendTime;
	}

	@Override
	protected HttpResponse doSendRequest(HttpRequest request, HttpClientConnection connection, HttpContext context)
			throws IOException, HttpException {
		this.awaitSendTime.run();
		return super.doSendRequest(request, connection, context);
	}

}
