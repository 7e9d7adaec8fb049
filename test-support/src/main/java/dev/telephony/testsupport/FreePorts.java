package dev.telephony.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Ports nothing listens on: free for a server a test starts, or certain to refuse a
 * client, such as a Kafka broker that is down. The system picks them, so tests never
 * collide with a running stack or with each other.
 */
public final class FreePorts {

	private FreePorts() {
	}

	public static int next() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
