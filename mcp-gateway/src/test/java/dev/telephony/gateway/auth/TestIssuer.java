package dev.telephony.gateway.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An authorization server reduced to what a resource server reads of one: its metadata
 * and its keys, over real HTTP, and tokens signed with them. The bundled authorization
 * server is tested on its own; here only the gateway's side of the contract is.
 */
public final class TestIssuer implements AutoCloseable {

	private final HttpServer server;

	private final RSAKey key;

	private final String issuer;

	public TestIssuer() throws IOException, JOSEException {
		this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.issuer = "http://127.0.0.1:" + this.server.getAddress().getPort();
		this.server.createContext("/.well-known/openid-configuration",
				(exchange) -> json(exchange,
						"{\"issuer\":\"" + this.issuer + "\",\"jwks_uri\":\"" + this.issuer + "/jwks\","
								+ "\"authorization_endpoint\":\"" + this.issuer + "/authorize\",\"token_endpoint\":\""
								+ this.issuer + "/token\",\"response_types_supported\":[\"code\"],"
								+ "\"subject_types_supported\":[\"public\"],"
								+ "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
		this.server.createContext("/jwks", (exchange) -> json(exchange, new JWKSet(this.key.toPublicJWK()).toString()));
		this.server.start();
	}

	public String issuer() {
		return this.issuer;
	}

	/**
	 * A token for {@code audience}, valid for ten minutes, adjusted by {@code claims}.
	 */
	public String token(String subject, String audience, String scope, Consumer<JWTClaimsSet.Builder> claims) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(subject)
			.audience(List.of(audience))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(600)))
			.claim("scope", scope)
			.claim("client_id", "test-client");
		claims.accept(builder);
		return sign(builder.build(), this.key);
	}

	/** The same claims signed by a key this issuer never published. */
	public static String signedByAStranger(JWTClaimsSet claims) throws JOSEException {
		return sign(claims, new RSAKeyGenerator(2048).keyID("stranger").generate());
	}

	private static String sign(JWTClaimsSet claims, RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void json(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
