package dev.telephony.authserver.registration;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.telephony.authserver.scopes.GatewayScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The registered clients, and clients known by a metadata document: a {@code client_id}
 * that is an https URL is fetched, checked (its own {@code client_id} must be that URL),
 * and kept as a public client with PKCE, so that the authorization and token endpoints
 * find it like any other. Spring Authorization Server has no support for these documents.
 * <p>
 * Fetching a URL a stranger chose is a server-side request: only https on port 443 to
 * public addresses, no redirects, a small size and a short timeout.
 */
public final class ClientMetadataDocuments implements RegisteredClientRepository {

	private static final Logger logger = LoggerFactory.getLogger(ClientMetadataDocuments.class);

	private static final int MAX_DOCUMENT_BYTES = 64 * 1024;

	private static final Set<String> ALLOWED_GRANTS = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue());

	private final RegisteredClientRepository registered;

	private final ClientMetadataProperties properties;

	private final Clock clock;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	public ClientMetadataDocuments(RegisteredClientRepository registered, ClientMetadataProperties properties,
			Clock clock) {
		this.registered = registered;
		this.properties = properties;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public void save(RegisteredClient client) {
		this.registered.save(client);
	}

	@Override
	public RegisteredClient findById(String id) {
		return this.registered.findById(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		RegisteredClient known = this.registered.findByClientId(clientId);
		if (!this.properties.enabled() || !isDocumentUrl(clientId)) {
			return known;
		}
		Instant fetchedAt = (known != null) ? known.getClientIdIssuedAt() : null;
		if (fetchedAt != null && fetchedAt.plus(this.properties.refreshAfter()).isAfter(this.clock.instant())) {
			return known;
		}
		RegisteredClient described = fetch(clientId, (known != null) ? known.getId() : UUID.randomUUID().toString());
		if (described != null) {
			this.registered.save(described);
		}
		return described;
	}

	private boolean isDocumentUrl(String clientId) {
		URI uri;
		try {
			uri = URI.create(clientId);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (uri.getHost() == null || uri.getRawFragment() != null || uri.getRawUserInfo() != null
				|| uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath())) {
			return false;
		}
		if ("https".equals(uri.getScheme())) {
			return uri.getPort() == -1 || uri.getPort() == 443;
		}
		return this.properties.allowHttpLoopback() && "http".equals(uri.getScheme()) && isLoopback(uri.getHost());
	}

	/**
	 * The client a document describes, or null when it cannot be used (and why is
	 * logged).
	 */
	private RegisteredClient fetch(String clientId, String id) {
		URI uri = URI.create(clientId);
		try {
			if (!"http".equals(uri.getScheme()) && !publicAddresses(uri.getHost())) {
				logger.warn("Client metadata document {} refused: its host is not a public address", clientId);
				return null;
			}
			HttpResponse<InputStream> response = this.http.send(HttpRequest.newBuilder(uri)
				.timeout(this.properties.timeout())
				.header("Accept", "application/json")
				.build(), HttpResponse.BodyHandlers.ofInputStream());
			byte[] body;
			try (InputStream in = response.body()) {
				body = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
			}
			if (response.statusCode() != 200 || body.length > MAX_DOCUMENT_BYTES) {
				logger.warn("Client metadata document {} refused: HTTP {}, {} bytes", clientId, response.statusCode(),
						body.length);
				return null;
			}
			return client(clientId, id, this.json.readTree(body));
		}
		catch (IOException | JacksonException | IllegalArgumentException ex) {
			logger.warn("Client metadata document {} refused: {}", clientId, ex.getMessage());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private RegisteredClient client(String clientId, String id, JsonNode document) {
		if (!clientId.equals(document.path("client_id").asString(null))) {
			throw new IllegalArgumentException("its client_id is not the URL it was fetched from");
		}
		List<String> redirects = new ArrayList<>();
		document.path("redirect_uris").forEach((uri) -> redirects.add(uri.asString()));
		if (redirects.isEmpty() || redirects.stream().anyMatch((uri) -> !acceptableRedirect(uri))) {
			throw new IllegalArgumentException("it needs redirect_uris, each an absolute URL without a fragment");
		}
		String method = document.path("token_endpoint_auth_method").asString("none");
		if (!ClientAuthenticationMethod.NONE.getValue().equals(method)) {
			// A document is public: a shared secret in it would be no secret. Key-based
			// client authentication (private_key_jwt) is not supported here.
			throw new IllegalArgumentException("token_endpoint_auth_method " + method + " is not supported, only none");
		}
		List<String> grants = new ArrayList<>();
		document.path("grant_types").forEach((grant) -> grants.add(grant.asString()));
		if (!ALLOWED_GRANTS.containsAll(grants)) {
			throw new IllegalArgumentException("grant_types may only be authorization_code and refresh_token");
		}
		List<String> scopes = new ArrayList<>();
		for (String scope : document.path("scope").asString("").split(" ")) {
			if (!scope.isBlank()) {
				scopes.add(GatewayScope.of(scope)
					.orElseThrow(() -> new IllegalArgumentException("unknown scope " + scope))
					.value());
			}
		}
		return RegisteredClient.withId(id)
			.clientId(clientId)
			.clientIdIssuedAt(this.clock.instant())
			.clientName(document.path("client_name").asString(clientId))
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris((uris) -> uris.addAll(redirects))
			.scopes((granted) -> granted.addAll(scopes.isEmpty() ? GatewayScope.allValues() : scopes))
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
			.tokenSettings(TokenSettings.builder().reuseRefreshTokens(false).build())
			.build();
	}

	/** Absolute, without a fragment, and not a scheme that runs code in the browser. */
	private static boolean acceptableRedirect(String redirect) {
		try {
			URI uri = URI.create(redirect);
			return uri.isAbsolute() && uri.getRawFragment() == null && !Set.of("javascript", "data", "vbscript")
				.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean publicAddresses(String host) throws UnknownHostException {
		for (InetAddress address : InetAddress.getAllByName(host)) {
			if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
					|| address.isSiteLocalAddress() || address.isMulticastAddress()
					|| (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isLoopback(String host) {
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
