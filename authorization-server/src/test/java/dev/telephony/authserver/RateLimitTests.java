package dev.telephony.authserver;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** One address that tries too often is refused, with when to try again. */
class RateLimitTests {

	@TempDir
	static Path dataDir;

	static AuthServer server;

	@BeforeAll
	static void start() {
		server = AuthServer.start(dataDir, "--telephony.auth.rate-limit.login.requests=3",
				"--telephony.auth.rate-limit.register.requests=2");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void refusesSignInAttemptsBeyondTheLimitWithThePage() {
		Browser browser = new Browser();
		String csrf = Browser.csrf(browser.get(server.url("/login")).body());
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> attempt = browser.postForm(server.url("/login"), "username", "alice", "password",
					"guess" + i, "_csrf", csrf);
			assertThat(attempt.statusCode()).isEqualTo(302);
			csrf = Browser.csrf(browser.get(Browser.location(attempt)).body());
		}
		HttpResponse<String> refused = browser.postForm(server.url("/login"), "username", "alice", "password",
				AuthServer.PASSWORD, "_csrf", csrf);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
		assertThat(refused.body()).contains("<html lang=\"en\"", "role=\"alert\"", "Too many sign-in attempts",
				"name=\"_csrf\"");
		assertThat(prometheus())
			.containsPattern("telephony_auth_rate_limited_total\\{[^}]*endpoint=\"login\"[^}]*\\} 1");
	}

	@Test
	void refusesRegistrationsBeyondTheLimitWithAnOAuthError() {
		Browser browser = new Browser();
		String body = "{\"redirect_uris\":[\"http://localhost:3334/cb\"],\"token_endpoint_auth_method\":\"none\"}";
		assertThat(browser.postJson(server.url("/oauth2/register"), body).statusCode()).isEqualTo(201);
		assertThat(browser.postJson(server.url("/oauth2/register"), body).statusCode()).isEqualTo(201);
		HttpResponse<String> refused = browser.postJson(server.url("/oauth2/register"), body);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		assertThat(Browser.json(refused).get("error").asString()).isEqualTo("too_many_requests");
		assertThat(prometheus())
			.containsPattern("telephony_auth_rate_limited_total\\{[^}]*endpoint=\"register\"[^}]*\\} 1");
	}

	private static String prometheus() {
		return new Browser().get(server.url("/actuator/prometheus"), "*/*").body();
	}

}
