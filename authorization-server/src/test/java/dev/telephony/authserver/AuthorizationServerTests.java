package dev.telephony.authserver;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The server as MCP clients and their users meet it, over real HTTP. */
class AuthorizationServerTests {

	@TempDir
	static Path dataDir;

	static AuthServer server;

	@BeforeAll
	static void start() {
		server = AuthServer.start(dataDir);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void metadataAdvertisesWhatMcpClientsNeed() {
		JsonNode metadata = Browser.json(new Browser().getJson(server.url("/.well-known/oauth-authorization-server")));
		assertThat(metadata.get("code_challenge_methods_supported").valueStream().map(JsonNode::asString))
			.containsExactly("S256");
		assertThat(metadata.get("token_endpoint_auth_methods_supported").valueStream().map(JsonNode::asString))
			.contains("none", "client_secret_post");
		assertThat(metadata.get("registration_endpoint").asString()).endsWith("/oauth2/register");
		assertThat(metadata.get("scopes_supported").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("sms:send", "calls:place", "status:read");
		assertThat(metadata.get("grant_types_supported").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("authorization_code", "refresh_token");
	}

	@Test
	void otherDiscoveryDocumentsAre404NotASignInRedirect() {
		// Spring's resource server asks for OpenID's document first and moves on after a
		// 404 only: a redirect to the sign-in page broke the gateway's discovery.
		HttpResponse<String> openId = new Browser().getJson(server.url("/.well-known/openid-configuration"));
		assertThat(openId.statusCode()).isEqualTo(404);
		assertThat(openId.body()).doesNotContain("stackTrace");
	}

	@Test
	void registersClaudeAsItRegisters() {
		HttpResponse<String> response = new Browser().postJson(server.url("/oauth2/register"), """
				{"client_name":"Claude","redirect_uris":["https://claude.ai/api/mcp/auth_callback"],
				 "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
				 "token_endpoint_auth_method":"client_secret_post"}""");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode client = Browser.json(response);
		assertThat(client.get("client_secret").asString()).isNotBlank();
		assertThat(client.get("token_endpoint_auth_method").asString()).isEqualTo("client_secret_post");
		// Claude asks for no scope, so it may ask for all of them.
		assertThat(client.get("scope").asString().split(" ")).containsExactlyInAnyOrder("sms:send", "calls:place",
				"status:read");
	}

	@Test
	void registersPublicClientsAsTheSdkAndTheInspectorDo() {
		Browser browser = new Browser();
		HttpResponse<String> sdk = browser.postJson(server.url("/oauth2/register"), """
				{"client_name":"sdk","redirect_uris":["http://localhost:3334/oauth/callback"],
				 "token_endpoint_auth_method":"none","grant_types":["authorization_code","refresh_token"],
				 "response_types":["code"],"scope":"sms:send calls:place status:read"}""");
		assertThat(sdk.statusCode()).as(sdk.body()).isEqualTo(201);
		assertThat(Browser.json(sdk).get("token_endpoint_auth_method").asString()).isEqualTo("none");
		assertThat(Browser.json(sdk).has("client_secret")).isFalse();

		HttpResponse<String> narrow = browser.postJson(server.url("/oauth2/register"), """
				{"redirect_uris":["http://localhost:3334/oauth/callback"],
				 "token_endpoint_auth_method":"none","scope":"status:read"}""");
		assertThat(narrow.statusCode()).as(narrow.body()).isEqualTo(201);
		assertThat(Browser.json(narrow).get("scope").asString()).isEqualTo("status:read");

		HttpResponse<String> inspector = browser.postJson(server.url("/oauth2/register"), """
				{"client_name":"inspector","redirect_uris":["http://localhost:6274/oauth/callback"],
				 "token_endpoint_auth_method":"none","scope":""}""");
		assertThat(inspector.statusCode()).as(inspector.body()).isEqualTo(201);
		assertThat(Browser.json(inspector).get("scope").asString().split(" ")).hasSize(3);
	}

	@Test
	void refusesRegistrationsBeyondTheGatewaysNeeds() {
		Browser browser = new Browser();
		HttpResponse<String> unknownScope = browser.postJson(server.url("/oauth2/register"), """
				{"redirect_uris":["http://localhost:3334/cb"],"token_endpoint_auth_method":"none",
				 "scope":"sms:send admin"}""");
		assertThat(unknownScope.statusCode()).isEqualTo(400);
		assertThat(Browser.json(unknownScope).get("error").asString()).isEqualTo("invalid_scope");

		HttpResponse<String> clientCredentials = browser.postJson(server.url("/oauth2/register"), """
				{"redirect_uris":["http://localhost:3334/cb"],"grant_types":["client_credentials"]}""");
		assertThat(clientCredentials.statusCode()).isEqualTo(400);
		assertThat(Browser.json(clientCredentials).get("error").asString()).isEqualTo("invalid_client_metadata");

		HttpResponse<String> noRedirect = browser.postJson(server.url("/oauth2/register"),
				"{\"token_endpoint_auth_method\":\"none\"}");
		assertThat(noRedirect.statusCode()).isEqualTo(400);
		assertThat(Browser.json(noRedirect).get("error").asString()).isEqualTo("invalid_redirect_uri");
	}

	@Test
	void publicClientGetsAudienceBoundTokensAndRotatingRefreshTokens() {
		OAuthFlow flow = new OAuthFlow(server);
		String clientId = flow.registerPublicClient(OAuthFlow.ALL_SCOPES);
		String authorize = flow.authorizeUrl(clientId, "sms:send status:read", "client-state-1");

		String consent = flow.signInToConsent(authorize).body();
		assertThat(consent).contains("MCP test client", OAuthFlow.RESOURCE,
				"Send text messages (SMS) from your phone number and wait for the replies",
				"See the status of your calls and messages", "Approve", "Deny");
		assertThat(consent).doesNotContain("Place phone calls");

		String code = flow.approve(clientId, consent, "sms:send", "status:read");
		assertThat(code).isNotBlank();

		HttpResponse<String> exchanged = flow.exchange(clientId, code, OAuthFlow.RESOURCE);
		assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
		JsonNode tokens = Browser.json(exchanged);
		assertThat(tokens.get("expires_in").asLong()).isBetween(3590L, 3600L);
		Jwt jwt = decoder().decode(tokens.get("access_token").asString());
		assertThat(jwt.getAudience()).containsExactly(OAuthFlow.RESOURCE);
		assertThat(jwt.getSubject()).isEqualTo(AuthServer.USER);
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("sms:send status:read");
		assertThat(jwt.getClaimAsString("client_id")).isEqualTo(clientId);
		assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");

		String firstRefresh = tokens.get("refresh_token").asString();
		HttpResponse<String> refreshed = flow.refresh(clientId, firstRefresh);
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		JsonNode second = Browser.json(refreshed);
		assertThat(second.get("refresh_token").asString()).isNotEqualTo(firstRefresh);
		assertThat(second.get("access_token").asString()).isNotEqualTo(tokens.get("access_token").asString());
		assertThat(decoder().decode(second.get("access_token").asString()).getAudience())
			.containsExactly(OAuthFlow.RESOURCE);

		HttpResponse<String> reused = flow.refresh(clientId, firstRefresh);
		assertThat(reused.statusCode()).isEqualTo(400);
		assertThat(Browser.json(reused).get("error").asString()).isEqualTo("invalid_grant");
		assertThat(flow.refresh(clientId, second.get("refresh_token").asString()).statusCode()).isEqualTo(200);
	}

	@Test
	void refusesATokenForAnotherResourceThanAuthorized() {
		OAuthFlow flow = new OAuthFlow(server);
		String clientId = flow.registerPublicClient(OAuthFlow.ALL_SCOPES);
		String consent = flow.signInToConsent(flow.authorizeUrl(clientId, "status:read", "s")).body();
		String code = flow.approve(clientId, consent, "status:read");
		HttpResponse<String> other = flow.exchange(clientId, code, "https://elsewhere.example/mcp");
		assertThat(other.statusCode()).as(other.body()).isEqualTo(400);
		assertThat(Browser.json(other).get("error").asString()).isEqualTo("invalid_target");
	}

	@Test
	void deniedConsentSendsAccessDenied() {
		OAuthFlow flow = new OAuthFlow(server);
		String clientId = flow.registerPublicClient(OAuthFlow.ALL_SCOPES);
		String consent = flow.signInToConsent(flow.authorizeUrl(clientId, "status:read", "s")).body();
		String state = consent.replaceAll("(?s).*name=\"state\" value=\"([^\"]+)\".*", "$1");
		HttpResponse<String> denied = flow.browser.postForm(server.url("/oauth2/authorize"), "client_id", clientId,
				"state", state);
		assertThat(Browser.location(denied)).startsWith(OAuthFlow.REDIRECT_URI)
			.contains("error=access_denied")
			.doesNotContain("code=");
	}

	@Test
	void refusesAnAuthorizationRequestWithoutPkce() {
		OAuthFlow flow = new OAuthFlow(server);
		String clientId = flow.registerPublicClient(OAuthFlow.ALL_SCOPES);
		String withoutPkce = flow.authorizeUrl(clientId, "status:read", "s")
			.replaceAll("&code_challenge=[^&]+&code_challenge_method=S256", "");
		HttpResponse<String> response = flow.browser.get(withoutPkce);
		assertThat(response.statusCode()).isEqualTo(302);
		String location = Browser.location(response);
		assertThat(location).startsWith(OAuthFlow.REDIRECT_URI).contains("error=invalid_request");
		assertThat(Browser.queryParam(location, "code")).isNull();
	}

	@Test
	void neverRedirectsToAnUnregisteredRedirectUri() {
		OAuthFlow flow = new OAuthFlow(server);
		String clientId = flow.registerPublicClient(OAuthFlow.ALL_SCOPES);
		String evil = flow.authorizeUrl(clientId, "status:read", "s")
			.replace(Browser.encode(OAuthFlow.REDIRECT_URI), Browser.encode(OAuthFlow.REDIRECT_URI + "/../evil"));
		HttpResponse<String> response = flow.browser.get(evil);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void wrongPasswordShowsTheSignInPageWithAnError() {
		OAuthFlow flow = new OAuthFlow(server);
		String clientId = flow.registerPublicClient(OAuthFlow.ALL_SCOPES);
		HttpResponse<String> refused = flow.signIn(flow.authorizeUrl(clientId, "status:read", "s"), "wrong");
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(Browser.location(refused)).endsWith("/login?error");
		String page = flow.browser.get(Browser.location(refused)).body();
		assertThat(page).contains("role=\"alert\"", "Wrong user name or password");
	}

	@Test
	void errorBodiesCarryNoExceptionDetails() {
		OAuthFlow flow = new OAuthFlow(server);
		Browser browser = flow.browser;
		List<HttpResponse<String>> errors = new java.util.ArrayList<>();
		errors.add(browser.postJson(server.url("/oauth2/register"), "{\"redirect_uris\": [oops"));
		errors.add(browser.postJson(server.url("/oauth2/register"), "[]"));
		errors.add(browser.get(server.url("/oauth2/authorize?response_type=code&client_id=nobody")));
		errors.add(browser.getJson(server.url("/oauth2/authorize?response_type=code&client_id=nobody")));
		errors.add(browser.postForm(server.url("/oauth2/token"), "grant_type", "authorization_code", "code", "x",
				"client_id", "nobody", "code_verifier", "y"));
		errors.add(browser.postForm(server.url("/oauth2/token"), "grant_type", "nonsense"));
		errors.add(browser.postForm(server.url("/oauth2/token"), "grant_type", "refresh_token", "refresh_token",
				"stolen", "client_id", "nobody"));
		// Signed in, an unknown page is a 404 rather than the sign-in page.
		flow.tokens();
		errors.add(browser.get(server.url("/no/such/page")));
		errors.add(browser.getJson(server.url("/no/such/page")));
		errors.add(browser.get(server.url("/oauth2/consent?client_id=x&state=y")));
		assertThat(errors).allSatisfy((response) -> {
			assertThat(response.statusCode()).as(response.request().uri().toString()).isBetween(400, 499);
			assertThat(response.body()).doesNotContain("stackTrace", "className", "localizedMessage", "Exception",
					"\tat ");
		});
		assertThat(errors.get(7).statusCode()).isEqualTo(404);
		assertThat(Browser.json(errors.get(4)).has("error")).isTrue();
	}

	@Test
	void servesHealthAndPrometheus() {
		Browser browser = new Browser();
		assertThat(browser.getJson(server.url("/actuator/health")).body()).contains("UP");
		assertThat(browser.get(server.url("/actuator/prometheus"), "*/*").statusCode()).isEqualTo(200);
	}

	private static NimbusJwtDecoder decoder() {
		return NimbusJwtDecoder.withJwkSetUri(server.url("/oauth2/jwks")).build();
	}

}
