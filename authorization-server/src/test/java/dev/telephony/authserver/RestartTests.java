package dev.telephony.authserver;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients, grants and the signing key live in the data directory, not in memory. */
class RestartTests {

	@TempDir
	Path dataDir;

	@Test
	void clientsTokensAndKeySurviveARestart() {
		String clientId;
		String accessToken;
		String refreshToken;
		try (AuthServer first = AuthServer.start(this.dataDir)) {
			OAuthFlow flow = new OAuthFlow(first);
			JsonNode tokens = flow.tokens();
			accessToken = tokens.get("access_token").asString();
			refreshToken = tokens.get("refresh_token").asString();
			clientId = NimbusJwtDecoder.withJwkSetUri(first.url("/oauth2/jwks"))
				.build()
				.decode(accessToken)
				.getClaimAsString("client_id");
		}
		try (AuthServer second = AuthServer.start(this.dataDir)) {
			Jwt jwt = NimbusJwtDecoder.withJwkSetUri(second.url("/oauth2/jwks")).build().decode(accessToken);
			assertThat(jwt.getSubject()).isEqualTo(AuthServer.USER);

			OAuthFlow flow = new OAuthFlow(second);
			HttpResponse<String> refreshed = flow.refresh(clientId, refreshToken);
			assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);

			// The client is still registered: its authorization request goes to sign-in.
			HttpResponse<String> authorize = flow.browser.get(flow.authorizeUrl(clientId, "status:read", "s"));
			assertThat(authorize.statusCode()).isEqualTo(302);
			assertThat(Browser.location(authorize)).endsWith("/login");
		}
	}

}
