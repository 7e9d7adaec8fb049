package dev.telephony.gateway.mcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * A connection past {@link ConnectionAdmission}'s limit. It reads only as much of the
 * request as tells whether it is for the actuator, and hands such a request over to a
 * real connection. Any other request is answered with the 503 at once. The connection
 * then closes its side and reads whatever the client still sends until the client closes
 * too: closing with unread input would reset the connection, and a client may then lose
 * the answer it was about to read.
 * <p>
 * Everything here runs on the selector that saw the bytes arrive, without a thread of its
 * own: nothing in it blocks.
 */
final class RefusedConnection extends AbstractConnection.NonBlocking {

	private static final byte[] LET_THROUGH = "GET /actuator/".getBytes(StandardCharsets.US_ASCII);

	/** How long a refused client has to read the answer and close. */
	private static final long LINGER_MILLIS = 5_000;

	private final ByteBuffer answer;

	private final Supplier<Connection> letThrough;

	private final Runnable onRefused;

	private final ByteBuffer head = BufferUtil.allocate(LET_THROUGH.length);

	private ByteBuffer drained;

	RefusedConnection(EndPoint endPoint, Executor executor, ByteBuffer answer, Supplier<Connection> letThrough,
			Runnable onRefused) {
		super(endPoint, executor);
		this.answer = answer;
		this.letThrough = letThrough;
		this.onRefused = onRefused;
	}

	@Override
	public void onOpen() {
		super.onOpen();
		fillInterested();
	}

	@Override
	public void onFillable() {
		try {
			if (this.drained == null) {
				readHead();
			}
			else {
				drain();
			}
		}
		catch (IOException ex) {
			getEndPoint().close(ex);
		}
	}

	private void readHead() throws IOException {
		if (getEndPoint().fill(this.head) < 0) {
			getEndPoint().close();
			return;
		}
		if (!this.head.equals(ByteBuffer.wrap(LET_THROUGH, 0, this.head.remaining()))) {
			refuse();
		}
		else if (this.head.remaining() == LET_THROUGH.length) {
			Connection connection = this.letThrough.get();
			if (connection instanceof Connection.UpgradeTo upgradeTo) {
				upgradeTo.onUpgradeTo(this.head);
			}
			getEndPoint().upgrade(connection);
		}
		else {
			fillInterested();
		}
	}

	private void refuse() throws IOException {
		this.onRefused.run();
		this.drained = BufferUtil.allocate(512);
		EndPoint endPoint = getEndPoint();
		endPoint.setIdleTimeout(LINGER_MILLIS);
		endPoint.write(Callback.from(endPoint::shutdownOutput, endPoint::close), this.answer.duplicate());
		drain();
	}

	private void drain() throws IOException {
		while (true) {
			BufferUtil.clear(this.drained);
			int read = getEndPoint().fill(this.drained);
			if (read < 0) {
				getEndPoint().close();
				return;
			}
			if (read == 0) {
				fillInterested();
				return;
			}
		}
	}

}
