package dev.telephony.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for an app's webhook endpoint. Answers 200 unless told
 * otherwise for a path.
 */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Integer>> scriptedCodes = new ConcurrentHashMap<>();

	private final Map<String, Deque<String>> scriptedBodies = new ConcurrentHashMap<>();

	WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	/** The next answers for a path, in order; 200 once they are used up. */
	void answer(String path, Integer... codes) {
		this.scriptedCodes.put(path, new ArrayDeque<>(List.of(codes)));
	}

	/** The next bodies answered (with 200) for a path, in order; none once used up. */
	void answerBodies(String path, String... bodies) {
		this.scriptedBodies.put(path, new ArrayDeque<>(List.of(bodies)));
	}

	List<Received> received(String path) {
		return this.received.stream().filter((request) -> request.path().equals(path)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			String path = exchange.getRequestURI().getPath();
			this.received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
					exchange.getRequestHeaders().getFirst("Authorization"),
					exchange.getRequestHeaders().getFirst("Content-Type"), body.readAllBytes()));
			Deque<Integer> codes = this.scriptedCodes.get(path);
			Integer code = (codes != null) ? codes.pollFirst() : null;
			Deque<String> bodies = this.scriptedBodies.get(path);
			String answer = (code == null && bodies != null) ? bodies.pollFirst() : null;
			if (answer != null) {
				byte[] bytes = answer.getBytes(java.nio.charset.StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, bytes.length);
				exchange.getResponseBody().write(bytes);
				return;
			}
			exchange.sendResponseHeaders((code != null) ? code : 200, -1);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Received(String method, String path, String query, String authorization, String contentType, byte[] body) {
	}

}
