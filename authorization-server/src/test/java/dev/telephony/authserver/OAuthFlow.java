package dev.telephony.authserver;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps an MCP client and its user take, against one server. */
final class OAuthFlow {

	static final String REDIRECT_URI = "http://127.0.0.1:3334/oauth/callback";

	static final String RESOURCE = "http://127.0.0.1:8000/mcp";

	static final String ALL_SCOPES = "sms:send calls:place status:read";

	private final AuthServer server;

	final Browser browser = new Browser();

	final String verifier = randomVerifier();

	OAuthFlow(AuthServer server) {
		this.server = server;
	}

	/** Registers a public client as the MCP TypeScript SDK does; returns its id. */
	String registerPublicClient(String scope) {
		HttpResponse<String> response = this.browser.postJson(this.server.url("/oauth2/register"), """
				{"client_name":"MCP test client","redirect_uris":["%s"],
				 "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
				 "token_endpoint_auth_method":"none","scope":"%s"}""".formatted(REDIRECT_URI, scope));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return Browser.json(response).get("client_id").asString();
	}

	String authorizeUrl(String clientId, String scope, String state) {
		return this.server.url("/oauth2/authorize") + "?response_type=code&client_id=" + Browser.encode(clientId)
				+ "&redirect_uri=" + Browser.encode(REDIRECT_URI) + "&scope=" + Browser.encode(scope) + "&state="
				+ state + "&code_challenge=" + challenge(this.verifier) + "&code_challenge_method=S256&resource="
				+ Browser.encode(RESOURCE);
	}

	/** Follows the authorization request to the sign-in page and signs in. */
	HttpResponse<String> signIn(String authorizeUrl, String password) {
		HttpResponse<String> toLogin = this.browser.get(authorizeUrl);
		assertThat(toLogin.statusCode()).as(toLogin.body()).isEqualTo(302);
		assertThat(Browser.location(toLogin)).endsWith("/login");
		HttpResponse<String> loginPage = this.browser.get(Browser.location(toLogin));
		assertThat(loginPage.statusCode()).isEqualTo(200);
		return this.browser.postForm(this.server.url("/login"), "username", AuthServer.USER, "password", password,
				"_csrf", Browser.csrf(loginPage.body()));
	}

	/** Signs in, and follows Spring back to the consent page. */
	HttpResponse<String> signInToConsent(String authorizeUrl) {
		HttpResponse<String> signedIn = signIn(authorizeUrl, AuthServer.PASSWORD);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		HttpResponse<String> resumed = this.browser.get(Browser.location(signedIn));
		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(302);
		assertThat(Browser.location(resumed)).contains("/oauth2/consent");
		HttpResponse<String> consent = this.browser.get(Browser.location(resumed));
		assertThat(consent.statusCode()).isEqualTo(200);
		return consent;
	}

	/** Approves every scope on the consent page; returns the code sent to the client. */
	String approve(String clientId, String consentPage, String... scopes) {
		String state = consentPage.replaceAll("(?s).*name=\"state\" value=\"([^\"]+)\".*", "$1");
		String[] pairs = new String[4 + 2 * scopes.length];
		pairs[0] = "client_id";
		pairs[1] = clientId;
		pairs[2] = "state";
		pairs[3] = state;
		for (int i = 0; i < scopes.length; i++) {
			pairs[4 + 2 * i] = "scope";
			pairs[5 + 2 * i] = scopes[i];
		}
		HttpResponse<String> approved = this.browser.postForm(this.server.url("/oauth2/authorize"), pairs);
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
		String location = Browser.location(approved);
		assertThat(location).startsWith(REDIRECT_URI + "?");
		return Browser.queryParam(location, "code");
	}

	HttpResponse<String> exchange(String clientId, String code, String resource) {
		return this.browser.postForm(this.server.url("/oauth2/token"), "grant_type", "authorization_code", "code", code,
				"redirect_uri", REDIRECT_URI, "client_id", clientId, "code_verifier", this.verifier, "resource",
				resource);
	}

	HttpResponse<String> refresh(String clientId, String refreshToken) {
		return this.browser.postForm(this.server.url("/oauth2/token"), "grant_type", "refresh_token", "refresh_token",
				refreshToken, "client_id", clientId);
	}

	/** Register, authorize, sign in, approve all scopes and exchange the code. */
	JsonNode tokens() {
		String clientId = registerPublicClient(ALL_SCOPES);
		String consent = signInToConsent(authorizeUrl(clientId, ALL_SCOPES, "s1")).body();
		String code = approve(clientId, consent, ALL_SCOPES.split(" "));
		HttpResponse<String> tokens = exchange(clientId, code, RESOURCE);
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		return Browser.json(tokens);
	}

	static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String randomVerifier() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
