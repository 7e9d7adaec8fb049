package dev.telephony.authserver;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an upstream OpenID provider configured, the sign-in page offers it and sends the
 * user there. The provider's side (and the allow-list applied to who comes back) is not
 * exercised: that would need a fake OpenID provider.
 */
class UpstreamProviderTests {

	@TempDir
	Path dataDir;

	@Test
	void signInPageOffersAConfiguredProvider() {
		String registration = "--spring.security.oauth2.client.registration.corp.";
		String provider = "--spring.security.oauth2.client.provider.corp.";
		try (AuthServer server = AuthServer.start(this.dataDir, registration + "client-id=auth-server",
				registration + "client-secret=secret", registration + "client-name=Corp SSO",
				registration + "scope=openid,email", registration + "authorization-grant-type=authorization_code",
				registration + "redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
				provider + "authorization-uri=https://sso.example/authorize",
				provider + "token-uri=https://sso.example/token", provider + "jwk-set-uri=https://sso.example/jwks",
				provider + "user-name-attribute=sub", "--telephony.auth.upstream-users=alice@example.com")) {
			Browser browser = new Browser();
			String page = browser.get(server.url("/login")).body();
			assertThat(page).contains("Or sign in with", "href=\"/oauth2/authorization/corp\"", ">Corp SSO</a>");
			HttpResponse<String> toProvider = browser.get(server.url("/oauth2/authorization/corp"));
			assertThat(toProvider.statusCode()).isEqualTo(302);
			assertThat(Browser.location(toProvider)).startsWith("https://sso.example/authorize?")
				.contains("client_id=auth-server");
		}
	}

}
