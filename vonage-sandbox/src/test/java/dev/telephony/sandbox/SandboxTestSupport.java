package dev.telephony.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import dev.telephony.testsupport.ApplicationKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the sandbox through its real {@code main} (so {@code spring.config.name} applies)
 * on a random port. Every test class extends this unchanged so they share one context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS,
		properties = { "sandbox.signature-secret=" + SandboxTestSupport.SIGNATURE_SECRET,
				"sandbox.application-id=" + SandboxTestSupport.APPLICATION_ID,
				"sandbox.api-key=" + SandboxTestSupport.API_KEY, "sandbox.api-secret=" + SandboxTestSupport.API_SECRET,
				"sandbox.delivery-delay=50ms", "sandbox.webhook-retry-schedule=50ms,50ms", "sandbox.webhook-timeout=2s",
				"sandbox.time-scale=0.05", "sandbox.limits.create-call-per-second=1000",
				"sandbox.limits.messages-per-second=1000" })
abstract class SandboxTestSupport {

	static final String SIGNATURE_SECRET = "test-signature-secret-0123456789-abcdefghij";

	static final String APPLICATION_ID = "3f6a2a5e-8f43-4c1b-9d8e-2b7f0c1d4e5a";

	static final String API_KEY = "testkey1";

	static final String API_SECRET = "TestSecret123456";

	static final JsonMapper json = JsonMapper.builder().build();

	static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void applicationKey(DynamicPropertyRegistry registry) {
		registry.add("sandbox.public-key", ApplicationKeys.shared()::publicKeyPem);
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

	VonageClient jwtClient() {
		return jwtClient(APPLICATION_ID, ApplicationKeys.shared().privateKeyPem());
	}

	VonageClient jwtClient(String applicationId, String privateKeyPem) {
		return VonageClient.builder()
			.applicationId(applicationId)
			.privateKeyContents(privateKeyPem)
			.httpConfig(HttpConfig.builder().apiBaseUri(baseUrl()).build())
			.build();
	}

	VonageClient basicClient(String apiKey, String apiSecret) {
		return VonageClient.builder()
			.apiKey(apiKey)
			.apiSecret(apiSecret)
			.httpConfig(HttpConfig.builder().apiBaseUri(baseUrl()).build())
			.build();
	}

	static String uniqueRef(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	String bearer() {
		return "Bearer " + jwtClient().generateJwt();
	}

	static String basic(String apiKey, String apiSecret) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
	}

	HttpResponse<String> post(String path, String contentType, String body, String authorization)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> delete(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	List<JsonNode> journal(String clientRef) throws IOException, InterruptedException {
		return journalQuery("client_ref=" + clientRef);
	}

	List<JsonNode> journalQuery(String query) throws IOException, InterruptedException {
		HttpResponse<String> response = get("/_sandbox/journal?" + query);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Journal answered " + response.statusCode() + ": " + response.body());
		}
		return StreamSupport.stream(json.readTree(response.body()).get("entries").spliterator(), false).toList();
	}

}
