package dev.telephony.gateway.auth;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * OAuth 2.1 access to /mcp. Off unless an issuer is set; then JWT access tokens from that
 * issuer are accepted beside the static client tokens, if they name this server as their
 * audience.
 *
 * @param issuer the authorization server whose tokens are trusted (its metadata and keys
 * are discovered from it), such as the bundled one or Keycloak, Auth0, Entra ID
 * @param resource this server's canonical URL, as clients reach it
 * ({@code https://mcp.example.com/mcp}): the audience a token must carry, and the
 * {@code resource} of the protected-resource metadata
 * @param audiences further accepted audiences, for providers that name an API by an
 * identifier of their own instead of taking {@code resource}
 * @param jwkSetUri the issuer's key set, when it cannot be discovered from the issuer
 * @param clockSkew how far token times may be off this server's clock
 */
@Validated
@ConfigurationProperties("telephony.gateway.oauth")
public record OAuthProperties(URI issuer, URI resource, @DefaultValue @NotNull List<String> audiences, URI jwkSetUri,
		@DefaultValue("60s") @NotNull Duration clockSkew) {

	public OAuthProperties {
		if (issuer != null && resource == null) {
			throw new IllegalArgumentException("telephony.gateway.oauth.resource (MCP_OAUTH_RESOURCE) must be set with"
					+ " the issuer: it is the URL clients use for /mcp, such as https://mcp.example.com/mcp,"
					+ " and the audience every token must name");
		}
		if (resource != null && (!resource.isAbsolute() || resource.getFragment() != null
				|| resource.getPath().endsWith("/") || !resource.getScheme().startsWith("http"))) {
			throw new IllegalArgumentException("telephony.gateway.oauth.resource must be an absolute http(s) URL"
					+ " without a fragment or trailing slash, such as https://mcp.example.com/mcp; not " + resource);
		}
	}

	public boolean enabled() {
		return this.issuer != null;
	}

	/** Every audience a token may name to be for this server. */
	List<String> acceptedAudiences() {
		return (this.resource == null) ? this.audiences
				: java.util.stream.Stream
					.concat(java.util.stream.Stream.of(this.resource.toString()), this.audiences.stream())
					.toList();
	}

	/** Where this server's protected-resource metadata is, by RFC 9728's rule. */
	String metadataUrl() {
		return this.resource.resolve("/.well-known/oauth-protected-resource" + this.resource.getPath()).toString();
	}

}
