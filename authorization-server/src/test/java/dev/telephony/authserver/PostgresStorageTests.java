package dev.telephony.authserver;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.telephony.testsupport.ExternalTools;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import dev.telephony.authserver.storage.AuthDatabase;
import dev.telephony.authserver.storage.SigningKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The scaled deployment's storage: a real PostgreSQL server (Debian's, started here in a
 * temporary directory), an empty database for each test, and one or more authorization
 * servers on it.
 */
class PostgresStorageTests {

	static PostgresServer postgres;

	@TempDir
	Path unusedDataDir;

	@BeforeAll
	static void startPostgres() throws Exception {
		ExternalTools.require(PostgresServer.binaries().isPresent(),
				"PostgreSQL's server binaries (/usr/lib/postgresql/<version>/bin/initdb, pg_ctl, postgres) are missing",
				"install the Debian package postgresql");
		postgres = PostgresServer.start(PostgresServer.binaries().orElseThrow());
	}

	@AfterAll
	static void stopPostgres() {
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void createsTheSchemaAtStartOnAnEmptyDatabase() throws SQLException {
		postgres.createDatabase("schema_at_start");
		assertThat(columnTypes("schema_at_start")).isEmpty();
		try (AuthServer server = start("schema_at_start")) {
			Map<String, String> types = columnTypes("schema_at_start");
			assertThat(types.keySet().stream().map((column) -> column.substring(0, column.indexOf('.'))).distinct())
				.containsExactlyInAnyOrder("oauth2_registered_client", "oauth2_authorization",
						"oauth2_authorization_consent", "auth_signing_key");
			// As the schema files ask: blob as text, time instants with their zone.
			assertThat(types).containsEntry("oauth2_authorization.attributes", "text")
				.containsEntry("oauth2_authorization.access_token_value", "text")
				.containsEntry("oauth2_authorization.refresh_token_metadata", "text")
				.containsEntry("oauth2_authorization.access_token_expires_at", "timestamp with time zone")
				.containsEntry("oauth2_registered_client.client_id_issued_at", "timestamp with time zone")
				.containsEntry("auth_signing_key.created_at", "timestamp with time zone");
			assertThat(types.values()).doesNotContain("bytea", "timestamp without time zone");
			assertThat(count("schema_at_start", "auth_signing_key")).isEqualTo(1);
			assertThat(Browser.json(new Browser().getJson(server.url("/.well-known/oauth-authorization-server")))
				.get("registration_endpoint")
				.asString()).endsWith("/oauth2/register");
		}
	}

	@Test
	void publicClientCodeFlowWithRotatingRefreshTokens() throws SQLException {
		postgres.createDatabase("code_flow");
		try (AuthServer server = start("code_flow")) {
			OAuthFlow flow = new OAuthFlow(server);
			String clientId = flow.registerPublicClient(OAuthFlow.ALL_SCOPES);
			String consent = flow.signInToConsent(flow.authorizeUrl(clientId, "sms:send status:read", "s1")).body();
			assertThat(consent).contains("MCP test client", OAuthFlow.RESOURCE);
			String code = flow.approve(clientId, consent, "sms:send", "status:read");

			HttpResponse<String> exchanged = flow.exchange(clientId, code, OAuthFlow.RESOURCE);
			assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
			JsonNode tokens = Browser.json(exchanged);
			Jwt jwt = decoder(server).decode(tokens.get("access_token").asString());
			assertThat(jwt.getAudience()).containsExactly(OAuthFlow.RESOURCE);
			assertThat(jwt.getSubject()).isEqualTo(AuthServer.USER);
			assertThat(jwt.getClaimAsString("scope")).isEqualTo("sms:send status:read");
			assertThat(jwt.getClaimAsString("client_id")).isEqualTo(clientId);

			// The instants stored are the token's, whatever the JVM's or the database's
			// zone.
			try (Connection connection = postgres.connect("code_flow");
					Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery(
							"SELECT access_token_issued_at, access_token_expires_at FROM oauth2_authorization")) {
				assertThat(row.next()).isTrue();
				assertThat(row.getObject(1, OffsetDateTime.class).toInstant()).isCloseTo(jwt.getIssuedAt(),
						within(1, ChronoUnit.SECONDS));
				assertThat(row.getObject(2, OffsetDateTime.class).toInstant()).isCloseTo(jwt.getExpiresAt(),
						within(1, ChronoUnit.SECONDS));
				assertThat(row.next()).isFalse();
			}

			String firstRefresh = tokens.get("refresh_token").asString();
			HttpResponse<String> refreshed = flow.refresh(clientId, firstRefresh);
			assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
			JsonNode second = Browser.json(refreshed);
			assertThat(second.get("refresh_token").asString()).isNotEqualTo(firstRefresh);
			assertThat(decoder(server).decode(second.get("access_token").asString()).getAudience())
				.containsExactly(OAuthFlow.RESOURCE);

			HttpResponse<String> reused = flow.refresh(clientId, firstRefresh);
			assertThat(reused.statusCode()).as(reused.body()).isEqualTo(400);
			assertThat(Browser.json(reused).get("error").asString()).isEqualTo("invalid_grant");
			assertThat(flow.refresh(clientId, second.get("refresh_token").asString()).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void twoInstancesOnOneDatabaseShareClientsConsentsTokensAndTheSigningKey() throws SQLException {
		postgres.createDatabase("two_instances");
		try (AuthServer a = start("two_instances"); AuthServer b = start("two_instances")) {
			assertThat(jwks(b)).isEqualTo(jwks(a));

			// A token from A verifies against B's key set, and its refresh token works at
			// B.
			JsonNode fromA = new OAuthFlow(a).tokens();
			Jwt jwtFromA = decoder(b).decode(fromA.get("access_token").asString());
			String clientOfA = jwtFromA.getClaimAsString("client_id");
			assertThat(jwtFromA.getAudience()).containsExactly(OAuthFlow.RESOURCE);
			OAuthFlow atB = new OAuthFlow(b);
			HttpResponse<String> refreshedAtB = atB.refresh(clientOfA, fromA.get("refresh_token").asString());
			assertThat(refreshedAtB.statusCode()).as(refreshedAtB.body()).isEqualTo(200);
			HttpResponse<String> reusedAtA = new OAuthFlow(a).refresh(clientOfA, fromA.get("refresh_token").asString());
			assertThat(reusedAtA.statusCode()).as(reusedAtA.body()).isEqualTo(400);

			// A client registered at A signs its user in at B and gets its token there.
			OAuthFlow registeredAtA = new OAuthFlow(a);
			String clientId = registeredAtA.registerPublicClient(OAuthFlow.ALL_SCOPES);
			OAuthFlow signedInAtB = new OAuthFlow(b);
			String consent = signedInAtB.signInToConsent(signedInAtB.authorizeUrl(clientId, "status:read", "s2"))
				.body();
			String code = signedInAtB.approve(clientId, consent, "status:read");
			HttpResponse<String> exchanged = signedInAtB.exchange(clientId, code, OAuthFlow.RESOURCE);
			assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
			Jwt jwtFromB = decoder(a).decode(Browser.json(exchanged).get("access_token").asString());
			assertThat(jwtFromB.getClaimAsString("client_id")).isEqualTo(clientId);
			assertThat(jwtFromB.getAudience()).containsExactly(OAuthFlow.RESOURCE);

			// The consent given at B is remembered at A: signing in there goes straight
			// back to the client with a code.
			OAuthFlow againAtA = new OAuthFlow(a);
			assertThat(codeWithoutConsent(againAtA, clientId, "status:read")).isNotBlank();
		}
		assertThat(count("two_instances", "auth_signing_key")).isEqualTo(1);
	}

	@Test
	void aRestartOnTheSameDatabaseKeepsClientsConsentsTokensAndTheKey() throws SQLException {
		postgres.createDatabase("restart");
		String clientId;
		JsonNode tokens;
		String keys;
		try (AuthServer first = start("restart")) {
			tokens = new OAuthFlow(first).tokens();
			clientId = decoder(first).decode(tokens.get("access_token").asString()).getClaimAsString("client_id");
			keys = jwks(first);
		}
		try (AuthServer second = start("restart")) {
			assertThat(jwks(second)).isEqualTo(keys);
			Jwt jwt = decoder(second).decode(tokens.get("access_token").asString());
			assertThat(jwt.getSubject()).isEqualTo(AuthServer.USER);

			OAuthFlow flow = new OAuthFlow(second);
			HttpResponse<String> refreshed = flow.refresh(clientId, tokens.get("refresh_token").asString());
			assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
			assertThat(codeWithoutConsent(flow, clientId, OAuthFlow.ALL_SCOPES)).isNotBlank();
		}
	}

	/**
	 * Instances starting at once on an empty database, their clocks apart as on different
	 * hosts, all make the tables and end up signing with one key.
	 */
	@Test
	void instancesStartingTogetherAgreeOnOneSigningKey() throws Exception {
		String url = postgres.createDatabase("started_together");
		int instances = 4;
		CountDownLatch ready = new CountDownLatch(instances);
		ExecutorService executor = Executors.newFixedThreadPool(instances);
		try {
			List<Future<String>> keyIds = new ArrayList<>();
			for (int i = 0; i < instances; i++) {
				Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-10L * i));
				keyIds.add(executor.submit(() -> {
					DriverManagerDataSource dataSource = new DriverManagerDataSource(url, PostgresServer.USER,
							postgres.password());
					ready.countDown();
					ready.await();
					SigningKeys keys = new SigningKeys(new AuthDatabase(dataSource), clock);
					List<JWK> jwks = keys.source().get(new JWKSelector(new JWKMatcher.Builder().build()), null);
					assertThat(jwks).hasSize(1);
					return jwks.get(0).getKeyID();
				}));
			}
			List<String> ids = new ArrayList<>();
			for (Future<String> keyId : keyIds) {
				ids.add(keyId.get(60, TimeUnit.SECONDS));
			}
			assertThat(ids).as("the key each instance signs with").containsOnly(ids.get(0));
			assertThat(count("started_together", "auth_signing_key")).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private AuthServer start(String database) {
		return AuthServer.start(this.unusedDataDir, postgres.datasourceArgs(database));
	}

	/**
	 * Signs in at the server of {@code flow}; the consent already given lets it skip the
	 * page.
	 */
	private static String codeWithoutConsent(OAuthFlow flow, String clientId, String scope) {
		HttpResponse<String> signedIn = flow.signIn(flow.authorizeUrl(clientId, scope, "s3"), AuthServer.PASSWORD);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		HttpResponse<String> resumed = flow.browser.get(Browser.location(signedIn));
		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(302);
		String location = Browser.location(resumed);
		assertThat(location).startsWith(OAuthFlow.REDIRECT_URI + "?");
		return Browser.queryParam(location, "code");
	}

	private static JwtDecoder decoder(AuthServer server) {
		return NimbusJwtDecoder.withJwkSetUri(server.url("/oauth2/jwks")).build();
	}

	private static String jwks(AuthServer server) {
		HttpResponse<String> response = new Browser().getJson(server.url("/oauth2/jwks"));
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	/**
	 * {@code table.column} to its PostgreSQL type, for the tables of the public schema.
	 */
	private static Map<String, String> columnTypes(String database) throws SQLException {
		Map<String, String> types = new HashMap<>();
		try (Connection connection = postgres.connect(database);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT table_name, column_name, data_type"
						+ " FROM information_schema.columns WHERE table_schema = 'public'")) {
			while (rows.next()) {
				types.put(rows.getString(1) + "." + rows.getString(2), rows.getString(3));
			}
		}
		return types;
	}

	private static long count(String database, String table) throws SQLException {
		try (Connection connection = postgres.connect(database);
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
			row.next();
			return row.getLong(1);
		}
	}

}
