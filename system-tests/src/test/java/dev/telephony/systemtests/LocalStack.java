package dev.telephony.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;

import dev.telephony.dispatcher.DispatcherApplication;
import dev.telephony.gateway.McpGatewayApplication;
import dev.telephony.ingest.WebhookIngestApplication;
import dev.telephony.sandbox.VonageSandboxApplication;
import dev.telephony.testsupport.ApplicationKeys;
import org.awaitility.Awaitility;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four services in this JVM, each in its own application context on a random port,
 * wired together only through the given Kafka broker and HTTP, as they are when deployed.
 */
final class LocalStack implements AutoCloseable {

	static final String APPLICATION_ID = "5f0c1e2a-7b3d-4c8e-9a10-00000000abcd";

	static final String SIGNATURE_SECRET = "system-test-signature-secret-0123456789abcdef";

	static final String VONAGE_NUMBER = "14155550100";

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	final int sandboxPort;

	final int ingestPort;

	final int gatewayPort;

	final int dispatcherPort;

	private final String bootstrapServers;

	private final String[] common;

	/** The dispatcher's application key, as PEM. */
	final String privateKeyPem;

	/**
	 * @param common arguments for every service, such as log levels
	 */
	LocalStack(String bootstrapServers, String... common) {
		this.common = common;
		ApplicationKeys keys = ApplicationKeys.generate();
		this.privateKeyPem = keys.privateKeyPem();
		String kafka = "--spring.kafka.bootstrap-servers=" + bootstrapServers;
		String noMcp = NotTheGateway.NO_MCP;
		String gatewayOnly = NotTheGateway.GATEWAY_ONLY;
		this.ingestPort = start(WebhookIngestApplication.builder(), kafka, noMcp, gatewayOnly, "--server.port=0",
				"--telephony.ingest.signature-secret=" + SIGNATURE_SECRET);
		// Scripted callees run twenty times faster than life; limits are raised so that
		// tests placing many calls are not throttled (the limits have their own tests in
		// the sandbox).
		this.sandboxPort = start(VonageSandboxApplication.builder(), kafka, noMcp, gatewayOnly, "--server.port=0",
				"--sandbox.application-id=" + APPLICATION_ID, "--sandbox.public-key=" + keys.publicKeyPem(),
				"--sandbox.signature-secret=" + SIGNATURE_SECRET, "--sandbox.delivery-delay=50ms",
				"--sandbox.time-scale=0.05", "--sandbox.limits.create-call-per-second=200",
				"--sandbox.limits.messages-per-second=200",
				"--sandbox.inbound-url=http://127.0.0.1:" + this.ingestPort + "/webhooks/messages/inbound");
		this.dispatcherPort = start(DispatcherApplication.builder(), kafka, noMcp, gatewayOnly, "--server.port=0",
				"--telephony.vonage.application-id=" + APPLICATION_ID,
				"--telephony.vonage.private-key=" + this.privateKeyPem,
				"--telephony.vonage.api-base-url=http://127.0.0.1:" + this.sandboxPort,
				"--telephony.vonage.callback-base-url=http://127.0.0.1:" + this.ingestPort);
		this.bootstrapServers = bootstrapServers;
		this.gatewayPort = startGateway();
	}

	/**
	 * Another gateway instance on the same broker; returns its port. Quotas are off:
	 * tests here place calls faster than any person would, and quotas have their own
	 * tests.
	 */
	int startGateway(String... extra) {
		List<String> args = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + this.bootstrapServers,
				"--telephony.gateway.default-from=" + VONAGE_NUMBER,
				"--telephony.gateway.policy.quotas.calls-per-minute=0",
				"--telephony.gateway.policy.quotas.calls-per-hour=0",
				"--telephony.gateway.policy.quotas.messages-per-minute=0",
				"--telephony.gateway.policy.quotas.messages-per-hour=0",
				"--telephony.gateway.policy.quotas.live-calls=0"));
		args.addAll(List.of(extra));
		if (args.stream().noneMatch((arg) -> arg.startsWith("--server.port="))) {
			args.add("--server.port=0");
		}
		int port = start(McpGatewayApplication.builder(), args.toArray(String[]::new));
		// A gateway takes work only once its view has replayed the topics; it says so on
		// health.
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.build();
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
		return port;
	}

	/** Stops the gateway instance on {@code port}, as a crash or a redeploy would. */
	void stopGateway(int port) {
		this.contexts.removeIf((context) -> {
			boolean match = port == Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
			if (match) {
				context.close();
			}
			return match;
		});
	}

	String gatewayUrl() {
		return "http://127.0.0.1:" + this.gatewayPort;
	}

	String sandboxUrl() {
		return "http://127.0.0.1:" + this.sandboxPort;
	}

	private int start(SpringApplicationBuilder application, String... args) {
		try {
			List<String> all = new ArrayList<>(List.of(args));
			all.addAll(List.of(this.common));
			ConfigurableApplicationContext context = application.run(all.toArray(String[]::new));
			this.contexts.add(context);
			return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	@Override
	public void close() {
		// Newest first: the gateway stops before the services it depends on.
		for (int i = this.contexts.size() - 1; i >= 0; i--) {
			this.contexts.get(i).close();
		}
		this.contexts.clear();
	}

}
