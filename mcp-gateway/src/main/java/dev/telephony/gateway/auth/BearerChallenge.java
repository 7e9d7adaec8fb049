package dev.telephony.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The {@code WWW-Authenticate} challenges of /mcp, as the MCP authorization spec wants
 * them: a 401 names the scopes and the absolute URL of the protected-resource metadata,
 * from which a client finds the authorization server; a 403 {@code insufficient_scope}
 * names the scope to ask for again. Spring Security's own entry point leaves out the
 * scope, and its access-denied handler the step-up.
 */
@Component
public class BearerChallenge implements AuthenticationEntryPoint {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AuthProperties auth;

	private final OAuthProperties oauth;

	private final MeterRegistry meters;

	BearerChallenge(AuthProperties auth, OAuthProperties oauth, MeterRegistry meters) {
		this.auth = auth;
		this.oauth = oauth;
		this.meters = meters;
		// Registered up front so that alerts see a zero, not a missing series.
		for (String reason : new String[] { "missing", "invalid", "insufficient_scope", "issuer_unreachable" }) {
			failures(reason);
		}
	}

	private Counter failures(String reason) {
		return Counter.builder("telephony.mcp.auth.failures")
			.description("Requests to /mcp refused for want of a valid bearer token or scope, by reason")
			.tag("reason", reason)
			.register(this.meters);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("realm", this.auth.realm());
		String message;
		if (failure instanceof OAuth2AuthenticationException oauthFailure) {
			failures("invalid").increment();
			parameters.put("error", oauthFailure.getError().getErrorCode());
			message = (oauthFailure.getError().getDescription() != null) ? oauthFailure.getError().getDescription()
					: "The bearer token is not valid here.";
			parameters.put("error_description", message);
		}
		else {
			failures("missing").increment();
			message = "This gateway needs a bearer token.";
		}
		parameters.put("scope", String.join(" ", Scopes.ALL));
		if (this.oauth.enabled()) {
			parameters.put("resource_metadata", metadataUrl(request));
		}
		write(response, HttpServletResponse.SC_UNAUTHORIZED, parameters, message);
	}

	/**
	 * Answers a token that could not be checked because the issuer's keys are out of
	 * reach: 503 and a retry, not a 401 that would send the client to authorize again for
	 * nothing.
	 */
	void issuerUnreachable(HttpServletResponse response) throws IOException {
		failures("issuer_unreachable").increment();
		response.setHeader(HttpHeaders.RETRY_AFTER, "5");
		String message = "The gateway cannot check OAuth access tokens right now: the authorization server "
				+ this.oauth.issuer() + " does not answer. Retry in a few seconds; static client tokens still work.";
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream()
			.write(JSON.createObjectNode().put("message", message).toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Refuses a tool to a token without its scope, asking for that scope on top of those
	 * the client holds, so that authorizing again does not lose any.
	 */
	public void insufficientScope(HttpServletRequest request, HttpServletResponse response, String tool,
			String required, Collection<String> granted) throws IOException {
		failures("insufficient_scope").increment();
		Set<String> wanted = new LinkedHashSet<>(granted.stream().filter(Scopes.ALL::contains).toList());
		wanted.add(required);
		String message = tool + " needs the OAuth scope '" + required + "', which this token was not granted"
				+ (granted.isEmpty() ? "" : " (it holds " + String.join(", ", granted) + ")")
				+ ". Authorize again asking for scope=\"" + String.join(" ", wanted) + "\".";
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("realm", this.auth.realm());
		parameters.put("error", "insufficient_scope");
		parameters.put("error_description", message);
		parameters.put("scope", wanted.stream().collect(Collectors.joining(" ")));
		if (this.oauth.enabled()) {
			parameters.put("resource_metadata", metadataUrl(request));
		}
		write(response, HttpServletResponse.SC_FORBIDDEN, parameters, message);
	}

	private String metadataUrl(HttpServletRequest request) {
		if (this.oauth.resource() != null) {
			return this.oauth.metadataUrl();
		}
		return UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
			.replacePath("/.well-known/oauth-protected-resource" + request.getRequestURI())
			.replaceQuery(null)
			.build()
			.toUriString();
	}

	private static void write(HttpServletResponse response, int status, Map<String, String> parameters, String message)
			throws IOException {
		String challenge = "Bearer " + parameters.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=\"" + quotable(entry.getValue()) + "\"")
			.collect(Collectors.joining(", "));
		response.setStatus(status);
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream()
			.write(JSON.createObjectNode().put("message", message).toString().getBytes(StandardCharsets.UTF_8));
	}

	/** A quoted-string may not hold a bare quote or backslash (RFC 9110). */
	private static String quotable(String value) {
		return value.replace('\\', '/').replace('"', '\'');
	}

}
