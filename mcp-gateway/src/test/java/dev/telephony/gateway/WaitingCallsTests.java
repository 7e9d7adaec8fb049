package dev.telephony.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Waiting tool calls: a client that cancels or goes away stops the wait on its behalf,
 * and while a call waits its HTTP request holds no servlet thread. No dispatcher runs
 * here, so a send_sms waits for an outcome that never comes, until its client leaves.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WaitingCallsTests {

	private static final BlockingQueue<Boolean> dispatchesReturned = new LinkedBlockingQueue<>();

	private final HttpClient http = HttpClient.newHttpClient();

	private ConfigurableApplicationContext gateway;

	private int port;

	@BeforeAll
	void start() {
		this.gateway = McpGatewayApplication.builder()
			.sources(DispatchWatch.class)
			.run("--server.port=0",
					"--spring.kafka.bootstrap-servers=" + EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
					"--telephony.gateway.default-from=14155550100", "--telephony.gateway.command-ttl=120s",
					"--telephony.gateway.max-wait=120s",
					// A client that hangs up is noticed at the next heartbeat.
					"--telephony.gateway.stream-heartbeat=1s");
		this.port = Integer.parseInt(this.gateway.getEnvironment().getRequiredProperty("local.server.port"));
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health").statusCode() == 200);
	}

	@AfterAll
	void stop() {
		this.gateway.close();
	}

	@Test
	void aCancelledRequestEndsTheWait() throws Exception {
		String session = initialize();
		try (Socket socket = post(session, """
				{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"send_sms",
				"arguments":{"to":"+14155550123","text":"hello"}}}""")) {
			await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 1);
			post(session, """
					{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":8,"reason":"user"}}""")
				.close();
			await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 0);
		}
	}

	@Test
	void aClientThatHangsUpEndsTheWait() throws Exception {
		String session = initialize();
		Socket socket = post(session, """
				{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"send_sms",
				"arguments":{"to":"+14155550124","text":"hello"}}}""");
		await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 1);
		socket.close();
		await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 0);
	}

	@Test
	void aWaitingCallHoldsNoServletThread() throws Exception {
		String session = initialize();
		dispatchesReturned.clear();
		try (Socket socket = post(session, """
				{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"send_sms",
				"arguments":{"to":"+14155550125","text":"hello"}}}""")) {
			// The servlet dispatch of the request came back, in async mode, while the
			// tool still waits: the answer stream is written from the tool's own thread.
			assertThat(dispatchesReturned.poll(10, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 1);
			assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200").contains("text/event-stream");
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 0);
	}

	/**
	 * Reports, for each tools/call, whether its dispatch returned with the request async.
	 */
	@Configuration(proxyBeanMethods = false)
	static class DispatchWatch {

		@Bean
		FilterRegistrationBean<OncePerRequestFilter> dispatchWatch() {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new OncePerRequestFilter() {

						@Override
						protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
								FilterChain chain) throws ServletException, IOException {
							chain.doFilter(request, response);
							if ("POST".equals(request.getMethod()) && response.getContentType() != null
									&& response.getContentType().startsWith("text/event-stream")) {
								dispatchesReturned.add(request.isAsyncStarted());
							}
						}

					});
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	private String initialize() throws IOException {
		try (Socket socket = post(null, """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
				"capabilities":{},"clientInfo":{"name":"cancel-test","version":"1"}}}""")) {
			String head = readHead(socket.getInputStream());
			String session = head.lines()
				.filter((line) -> line.toLowerCase().startsWith("mcp-session-id:"))
				.map((line) -> line.substring(line.indexOf(':') + 1).strip())
				.findFirst()
				.orElseThrow(() -> new AssertionError("no session id in\n" + head));
			post(session, """
					{"jsonrpc":"2.0","method":"notifications/initialized"}""").close();
			return session;
		}
	}

	private Socket post(String session, String body) throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setSoTimeout(10_000);
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		String request = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + this.port
				+ "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
				+ ((session != null) ? "Mcp-Session-Id: " + session + "\r\nMcp-Protocol-Version: 2025-06-18\r\n" : "")
				+ "Content-Length: " + bytes.length + "\r\n\r\n";
		OutputStream out = socket.getOutputStream();
		out.write(request.getBytes(StandardCharsets.US_ASCII));
		out.write(bytes);
		out.flush();
		return socket;
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				break;
			}
			head.append((char) next);
		}
		return head.toString();
	}

	private double waiting() throws Exception {
		String body = get("/actuator/prometheus").body();
		return body.lines()
			.filter((line) -> line.startsWith("telephony_mcp_waiting"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElse(-1);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
