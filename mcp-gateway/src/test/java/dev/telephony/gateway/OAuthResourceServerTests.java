package dev.telephony.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.telephony.gateway.auth.Clients;
import dev.telephony.gateway.auth.Scopes;
import dev.telephony.gateway.auth.TestIssuer;
import dev.telephony.schemas.AuditRecord;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.Topics;
import dev.telephony.testsupport.FreePorts;
import dev.telephony.testsupport.TopicReader;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway as an OAuth 2.1 protected resource, over real HTTP, against an issuer that
 * publishes real keys: discovery from a 401, audience and signature checks, the step-up
 * 403 for a missing scope, the subject as {@code requestedBy}, and static tokens beside.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthResourceServerTests {

	private static final String STATIC_TOKEN = "ci-5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b";

	private static final String ALL_SCOPES = "sms:send calls:place status:read";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private TestIssuer issuer;

	private ConfigurableApplicationContext gateway;

	private String base;

	private String resource;

	private String bootstrapServers;

	@BeforeAll
	void start() throws Exception {
		this.issuer = new TestIssuer();
		this.bootstrapServers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
		int port = FreePorts.next();
		this.base = "http://127.0.0.1:" + port;
		this.resource = this.base + "/mcp";
		this.gateway = gateway(port, "--telephony.gateway.auth.tokens.ci=" + Clients.sha256(STATIC_TOKEN));
	}

	private ConfigurableApplicationContext gateway(int port, String... more) {
		List<String> args = new java.util.ArrayList<>(
				List.of("--server.port=" + port, "--spring.kafka.bootstrap-servers=" + this.bootstrapServers,
						"--telephony.gateway.default-from=14155550100", "--telephony.gateway.max-wait=1s",
						"--telephony.gateway.oauth.issuer=" + this.issuer.issuer(),
						"--telephony.gateway.oauth.resource=http://127.0.0.1:" + port + "/mcp"));
		args.addAll(List.of(more));
		return McpGatewayApplication.builder().run(args.toArray(String[]::new));
	}

	@AfterAll
	void stop() {
		this.gateway.close();
		this.issuer.close();
	}

	@Test
	void aClientWithoutATokenFindsTheAuthorizationServerFromThe401() throws Exception {
		HttpResponse<String> refused = post(null, initialize(), null);
		assertThat(refused.statusCode()).isEqualTo(401);
		String challenge = refused.headers().firstValue("WWW-Authenticate").orElseThrow();
		String metadataUrl = this.base + "/.well-known/oauth-protected-resource/mcp";
		assertThat(challenge).startsWith("Bearer ")
			.contains("resource_metadata=\"" + metadataUrl + "\"")
			.contains("scope=\"" + ALL_SCOPES + "\"");

		for (String url : List.of(metadataUrl, this.base + "/.well-known/oauth-protected-resource")) {
			HttpResponse<String> metadata = this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
					BodyHandlers.ofString());
			assertThat(metadata.statusCode()).as(url).isEqualTo(200);
			JsonNode document = this.json.readTree(metadata.body());
			assertThat(document.path("resource").asString()).isEqualTo(this.resource);
			assertThat(document.path("authorization_servers").get(0).asString()).isEqualTo(this.issuer.issuer());
			assertThat(document.path("scopes_supported").valueStream().map(JsonNode::asString))
				.containsExactly("sms:send", "calls:place", "status:read");
			assertThat(document.path("bearer_methods_supported").get(0).asString()).isEqualTo("header");
		}
	}

	@Test
	void aTokenForThisServerPlacesCommandsInTheNameOfItsSubject() {
		String token = this.issuer.token("alice@example.com", this.resource, ALL_SCOPES, (claims) -> {
		});
		try (McpSyncClient client = client(token)) {
			client.initialize();
			CallToolResult result = client
				.callTool(new CallToolRequest("send_sms", Map.of("to", "+14155550177", "text", "hello from OAuth")));
			assertThat(result.isError()).isFalse();
		}
		Command command = await().atMost(Duration.ofSeconds(10))
			.until(() -> commandsTo("14155550177"), (found) -> !found.isEmpty())
			.get(0);
		assertThat(command.requestedBy()).isEqualTo("alice@example.com");
		AuditRecord audit = await().atMost(Duration.ofSeconds(10))
			.until(() -> TopicReader.allStrings(this.bootstrapServers, Topics.AUDIT)
				.stream()
				.map((record) -> this.json.readValue(record.value(), AuditRecord.class))
				.filter((found) -> command.commandId().equals(found.commandId()))
				.toList(), (found) -> !found.isEmpty())
			.get(0);
		assertThat(audit.requestedBy()).isEqualTo("alice@example.com");
		assertThat(audit.clientId()).isEqualTo("test-client");
	}

	@Test
	void everyToolHasAScopeOfItsOwn() {
		String token = this.issuer.token("alice@example.com", this.resource, "status:read", (claims) -> {
		});
		try (McpSyncClient client = client(token)) {
			client.initialize();
			List<String> tools = client.listTools().tools().stream().map(Tool::name).toList();
			assertThat(tools).isNotEmpty().allSatisfy((tool) -> assertThat(Scopes.covers(tool)).as(tool).isTrue());
		}
	}

	@Test
	void tokensForOthersExpiredTamperedOrForeignAreRefusedWith401() throws Exception {
		String otherAudience = this.issuer.token("alice", "https://other.example/mcp", ALL_SCOPES, (claims) -> {
		});
		String expired = this.issuer.token("alice", this.resource, ALL_SCOPES,
				(claims) -> claims.issueTime(new Date(System.currentTimeMillis() - 7_200_000))
					.notBeforeTime(new Date(System.currentTimeMillis() - 7_200_000))
					.expirationTime(new Date(System.currentTimeMillis() - 3_600_000)));
		String valid = this.issuer.token("alice", this.resource, ALL_SCOPES, (claims) -> {
		});
		String[] parts = valid.split("\\.");
		String tamperedPayload = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(SignedJWT.parse(valid)
				.getJWTClaimsSet()
				.toString()
				.replace("\"alice\"", "\"mallory\"")
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		String tampered = parts[0] + "." + tamperedPayload + "." + parts[2];
		String foreign = TestIssuer.signedByAStranger(SignedJWT.parse(valid).getJWTClaimsSet());
		String noSubject = this.issuer.token(null, this.resource, ALL_SCOPES, (claims) -> {
		});

		Map<String, String> refusals = Map.of("other audience", otherAudience, "expired", expired, "tampered", tampered,
				"foreign key", foreign, "no subject", noSubject);
		refusals.forEach((what, token) -> {
			HttpResponse<String> response = post(token, initialize(), null);
			assertThat(response.statusCode()).as(what).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).as(what)
				.contains("error=\"invalid_token\"")
				.contains("resource_metadata=\"" + this.base + "/.well-known/oauth-protected-resource/mcp\"");
			assertThat(response.body()).as(what).contains("\"code\":-32001").doesNotContain("stackTrace");
		});
		assertThat(post(valid, initialize(), null).statusCode()).isEqualTo(200);
	}

	@Test
	void aMissingScopeGetsA403StepUpNamingItAndNothingIsQueued() throws Exception {
		String readOnly = this.issuer.token("bob", this.resource, "status:read", (claims) -> {
		});
		HttpResponse<String> initialized = post(readOnly, initialize(), null);
		assertThat(initialized.statusCode()).isEqualTo(200);
		String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
		post(readOnly, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session);

		HttpResponse<String> refused = post(readOnly,
				"{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\","
						+ "\"arguments\":{\"to\":\"+14155550178\",\"text\":\"not allowed\"}}}",
				session);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
			.contains("error=\"insufficient_scope\"")
			.contains("scope=\"status:read sms:send\"")
			.contains("resource_metadata=\"" + this.base + "/.well-known/oauth-protected-resource/mcp\"");
		JsonNode error = this.json.readTree(refused.body());
		assertThat(error.path("id").asInt()).isEqualTo(5);
		assertThat(error.path("error").path("message").asString()).contains("send_sms")
			.contains("'sms:send'")
			.contains("Authorize again");

		HttpResponse<String> allowed = post(readOnly,
				"{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"check_call_status\","
						+ "\"arguments\":{}}}",
				session);
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(commandsTo("14155550178")).isEmpty();
	}

	@Test
	void browserClientsFromAllowedOriginsCanDoTheFlowAndReadTheChallenge() throws Exception {
		String origin = "http://localhost:6274";
		HttpResponse<String> preflight = this.http.send(HttpRequest.newBuilder(URI.create(this.resource))
			.method("OPTIONS", BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type,mcp-protocol-version")
			.build(), BodyHandlers.ofString());
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
			.contains("authorization", "mcp-protocol-version");

		HttpResponse<String> refused = this.http.send(HttpRequest.newBuilder(URI.create(this.resource))
			.header("Origin", origin)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(BodyPublishers.ofString(initialize()))
			.build(), BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
			.contains("WWW-Authenticate", "Mcp-Session-Id");

		HttpResponse<String> metadata = this.http
			.send(HttpRequest.newBuilder(URI.create(this.base + "/.well-known/oauth-protected-resource/mcp"))
				.header("Origin", origin)
				.build(), BodyHandlers.ofString());
		assertThat(metadata.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);

		HttpResponse<String> foreign = this.http.send(HttpRequest.newBuilder(URI.create(this.resource))
			.method("OPTIONS", BodyPublishers.noBody())
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "POST")
			.build(), BodyHandlers.ofString());
		assertThat(foreign.statusCode()).isEqualTo(403);
		assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void staticTokensKeepWorkingBesideOAuth() {
		try (McpSyncClient client = client(STATIC_TOKEN)) {
			client.initialize();
			assertThat(client.listTools().tools()).extracting("name").contains("send_sms");
		}
		assertThat(post("not-a-token-of-ours", initialize(), null).statusCode()).isEqualTo(401);
	}

	@Test
	void localClientsNeedNoTokenButA401StillNamesTheMetadata() throws Exception {
		int port = FreePorts.next();
		try (ConfigurableApplicationContext open = gateway(port)) {
			String url = "http://127.0.0.1:" + port + "/mcp";
			HttpResponse<String> local = this.http.send(request(url, null, initialize(), null),
					BodyHandlers.ofString());
			assertThat(local.statusCode()).isEqualTo(200);

			HttpResponse<String> proxied = this.http.send(HttpRequest.newBuilder(URI.create(url))
				.header("X-Forwarded-For", "203.0.113.9")
				.header("Content-Type", "application/json")
				.header("Accept", "application/json, text/event-stream")
				.POST(BodyPublishers.ofString(initialize()))
				.build(), BodyHandlers.ofString());
			assertThat(proxied.statusCode()).isEqualTo(401);
			assertThat(proxied.headers().firstValue("WWW-Authenticate").orElseThrow()).contains(
					"resource_metadata=\"http://127.0.0.1:" + port + "/.well-known/oauth-protected-resource/mcp\"");
		}
	}

	@Test
	void anUnreachableIssuerIsA503ToRetryNotA401AndStaticTokensStillWork() throws Exception {
		int port = FreePorts.next();
		int closed = FreePorts.next();
		List<String> args = List.of("--server.port=" + port,
				"--spring.kafka.bootstrap-servers=" + this.bootstrapServers,
				"--telephony.gateway.oauth.issuer=http://127.0.0.1:" + closed,
				"--telephony.gateway.oauth.resource=http://127.0.0.1:" + port + "/mcp",
				"--telephony.gateway.auth.tokens.ci=" + Clients.sha256(STATIC_TOKEN));
		try (ConfigurableApplicationContext gateway = McpGatewayApplication.builder()
			.run(args.toArray(String[]::new))) {
			String url = "http://127.0.0.1:" + port + "/mcp";
			String token = this.issuer.token("alice", url, ALL_SCOPES, (claims) -> {
			});
			HttpResponse<String> unchecked = this.http.send(request(url, token, initialize(), null),
					BodyHandlers.ofString());
			assertThat(unchecked.statusCode()).isEqualTo(503);
			assertThat(unchecked.headers().firstValue("Retry-After")).hasValue("5");
			JsonNode error = this.json.readTree(unchecked.body()).path("error");
			assertThat(error.path("code").asInt()).isEqualTo(-32053);
			assertThat(error.path("message").asString()).contains("http://127.0.0.1:" + closed)
				.contains("does not answer");
			assertThat(this.http.send(request(url, STATIC_TOKEN, initialize(), null), BodyHandlers.ofString())
				.statusCode()).isEqualTo(200);
		}
	}

	private HttpResponse<String> throughProxy(String url, String header, String value) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header(header, value)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(BodyPublishers.ofString(initialize()))
			.build(), BodyHandlers.ofString());
	}

	private static String initialize() {
		return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
				+ "\"capabilities\":{},\"clientInfo\":{\"name\":\"oauth-test\",\"version\":\"1\"}}}";
	}

	private HttpResponse<String> post(String token, String body, String session) {
		try {
			return this.http.send(request(this.resource, token, body, session), BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpRequest request(String url, String token, String body, String session) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.timeout(Duration.ofSeconds(20))
			.POST(BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (session != null) {
			request.header("Mcp-Session-Id", session);
		}
		return request.build();
	}

	private McpSyncClient client(String token) {
		return McpClient
			.sync(HttpClientStreamableHttpTransport.builder(this.base)
				.endpoint("/mcp")
				.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
				.build())
			.requestTimeout(Duration.ofSeconds(20))
			.build();
	}

	private List<Command> commandsTo(String digits) {
		return TopicReader.allStrings(this.bootstrapServers, Topics.COMMANDS)
			.stream()
			.map(ConsumerRecord::value)
			.map((value) -> this.json.readValue(value, Command.class))
			.filter((command) -> digits.equals(command.to()))
			.toList();
	}

}
