package dev.telephony.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.telephony.testsupport.FreePorts;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that is down is reported to the caller; nothing hangs and nothing is claimed
 * sent.
 */
class KafkaOutageTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void toolsRefuseWorkAndHealthIsDownWhileKafkaIsUnreachable() throws Exception {
		try (ConfigurableApplicationContext gateway = startGateway("127.0.0.1:" + FreePorts.next());
				McpSyncClient mcp = client(gateway)) {
			CallToolResult result = sendSms(mcp);

			assertThat(result.isError()).isTrue();
			assertThat(text(result)).contains("not connected to Kafka").contains("Nothing was queued");
			assertThat(health(gateway).statusCode()).isEqualTo(503);
		}
	}

	@Test
	void toolCallFailsWithinSecondsWhenKafkaGoesAway() throws Exception {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.afterPropertiesSet();
		try (ConfigurableApplicationContext gateway = startGateway(broker.getBrokersAsString());
				McpSyncClient mcp = client(gateway)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> health(gateway).statusCode() == 200);
			broker.destroy();

			CallToolResult result = sendSms(mcp);

			assertThat(result.isError()).isTrue();
			assertThat(text(result)).contains("could not queue it").contains("Kafka did not acknowledge");
		}
		finally {
			broker.destroy();
		}
	}

	private static ConfigurableApplicationContext startGateway(String bootstrapServers) {
		return McpGatewayApplication.builder()
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrapServers,
					"--telephony.gateway.default-from=14155550100", "--telephony.gateway.kafka-send-timeout=5s",
					"--spring.kafka.admin.fail-fast=false", "--spring.kafka.admin.operation-timeout=2s",
					"--spring.kafka.admin.properties.request.timeout.ms=2000",
					"--spring.kafka.admin.properties.default.api.timeout.ms=2000");
	}

	private static McpSyncClient client(ConfigurableApplicationContext gateway) {
		McpSyncClient mcp = McpClient.sync(
				HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port(gateway)).endpoint("/mcp").build())
			.requestTimeout(Duration.ofSeconds(30))
			.build();
		mcp.initialize();
		return mcp;
	}

	private static CallToolResult sendSms(McpSyncClient mcp) {
		return mcp.callTool(new CallToolRequest("send_sms", Map.of("to", "+14155550123", "text", "hello")));
	}

	private HttpResponse<String> health(ConfigurableApplicationContext gateway)
			throws IOException, InterruptedException {
		return this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(gateway) + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	private static String text(CallToolResult result) {
		return ((TextContent) result.content().get(0)).text();
	}

}
