package dev.telephony.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Detects ports that are already taken. A leftover service from an earlier run would
 * otherwise answer the health check and make a failed start look successful.
 */
final class PortProbe {

	private PortProbe() {
	}

	static boolean inUse(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", port), 300);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
