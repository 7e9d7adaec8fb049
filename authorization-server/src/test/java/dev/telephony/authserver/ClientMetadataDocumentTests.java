package dev.telephony.authserver;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients known by a client ID metadata document instead of registering: the document is
 * served over real HTTP (on loopback, which only the test setting allows; in production
 * only https to public addresses), and its URL is the client_id through the whole flow.
 */
class ClientMetadataDocumentTests {

	@TempDir
	static Path dataDir;

	static AuthServer server;

	static HttpServer documents;

	static final Map<String, String> served = new ConcurrentHashMap<>();

	static final AtomicInteger fetches = new AtomicInteger();

	@BeforeAll
	static void start() throws IOException {
		documents = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		documents.createContext("/", (exchange) -> {
			fetches.incrementAndGet();
			String body = served.get(exchange.getRequestURI().getPath());
			byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders((body != null) ? 200 : 404, (bytes.length > 0) ? bytes.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		documents.start();
		server = AuthServer.start(dataDir, "--telephony.auth.client-metadata.allow-http-loopback=true");
	}

	@AfterAll
	static void stop() {
		server.close();
		documents.stop(0);
	}

	static String publish(String path, String clientIdOverride, String redirect) {
		String url = "http://127.0.0.1:" + documents.getAddress().getPort() + path;
		served.put(path, """
				{"client_id":"%s","client_name":"Document client","redirect_uris":["%s"],
				 "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
				 "token_endpoint_auth_method":"none"}""".formatted((clientIdOverride != null) ? clientIdOverride : url,
				redirect));
		return url;
	}

	@Test
	void theMetadataSaysDocumentsAreSupported() {
		JsonNode metadata = Browser.json(new Browser().getJson(server.url("/.well-known/oauth-authorization-server")));
		assertThat(metadata.get("client_id_metadata_document_supported").asBoolean()).isTrue();
	}

	@Test
	void aClientKnownByItsDocumentGetsATokenWithoutRegistering() {
		String clientId = publish("/clients/good.json", null, OAuthFlow.REDIRECT_URI);
		OAuthFlow flow = new OAuthFlow(server);
		HttpResponse<String> consent = flow
			.signInToConsent(flow.authorizeUrl(clientId, OAuthFlow.ALL_SCOPES, "cimd-1"));
		assertThat(consent.body()).contains("Document client");
		String code = flow.approve(clientId, consent.body(), OAuthFlow.ALL_SCOPES.split(" "));
		HttpResponse<String> tokens = flow.exchange(clientId, code, OAuthFlow.RESOURCE);
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);

		Jwt jwt = NimbusJwtDecoder.withJwkSetUri(server.url("/oauth2/jwks"))
			.build()
			.decode(Browser.json(tokens).get("access_token").asString());
		assertThat(jwt.getAudience()).containsExactly(OAuthFlow.RESOURCE);
		assertThat(jwt.getClaimAsString("client_id")).isEqualTo(clientId);
		assertThat(jwt.getSubject()).isEqualTo(AuthServer.USER);

		HttpResponse<String> refreshed = flow.refresh(clientId, Browser.json(tokens).get("refresh_token").asString());
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
	}

	@Test
	void aDocumentThatNamesAnotherClientIdIsRefused() {
		String clientId = publish("/clients/impostor.json", "https://claude.ai/oauth/mcp-client",
				OAuthFlow.REDIRECT_URI);
		assertRefusedWithoutRedirect(clientId, OAuthFlow.REDIRECT_URI);
	}

	@Test
	void aRedirectUriTheDocumentDoesNotListIsRefused() {
		String clientId = publish("/clients/elsewhere.json", null, "http://127.0.0.1:3334/other/callback");
		assertRefusedWithoutRedirect(clientId, OAuthFlow.REDIRECT_URI);
	}

	@Test
	void aMissingDocumentIsAnUnknownClient() {
		assertRefusedWithoutRedirect("http://127.0.0.1:" + documents.getAddress().getPort() + "/clients/none.json",
				OAuthFlow.REDIRECT_URI);
	}

	@Test
	void aFetchedDocumentIsKeptNotFetchedOnEveryRequest() {
		String clientId = publish("/clients/kept.json", null, OAuthFlow.REDIRECT_URI);
		Browser browser = new Browser();
		String url = new OAuthFlow(server).authorizeUrl(clientId, OAuthFlow.ALL_SCOPES, "k");
		browser.get(url);
		int after = fetches.get();
		browser.get(url);
		browser.get(url);
		assertThat(fetches.get()).isEqualTo(after);
	}

	private static void assertRefusedWithoutRedirect(String clientId, String redirect) {
		OAuthFlow flow = new OAuthFlow(server);
		HttpResponse<String> refused = flow.browser.get(flow.authorizeUrl(clientId, OAuthFlow.ALL_SCOPES, "bad"));
		assertThat(refused.headers().firstValue("Location").orElse("")).as("never sent to the client's redirect URI")
			.doesNotStartWith(redirect)
			.doesNotEndWith("/login");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).doesNotContain("stackTrace");
	}

}
