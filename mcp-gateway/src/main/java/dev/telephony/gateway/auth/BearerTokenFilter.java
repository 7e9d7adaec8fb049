package dev.telephony.gateway.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bearer-token authentication on the MCP endpoint, before anything reads the body. The
 * health and metrics endpoints stay open for probes and scrapers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BearerTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final Clients clients;

	private final AuthProperties properties;

	private final String endpoint;

	private final MeterRegistry meters;

	BearerTokenFilter(Clients clients, AuthProperties properties, McpServerStreamableHttpProperties http,
			MeterRegistry meters) {
		this.clients = clients;
		this.properties = properties;
		this.endpoint = http.getMcpEndpoint();
		this.meters = meters;
		// Registered up front so that alerts see a zero, not a missing series.
		failures(meters, "missing");
		failures(meters, "invalid");
	}

	private static Counter failures(MeterRegistry meters, String reason) {
		return Counter.builder("telephony.mcp.auth.failures")
			.description("Requests to /mcp refused for want of a valid bearer token, by reason")
			.tag("reason", reason)
			.register(meters);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoint.equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		Optional<String> caller;
		if (header == null && this.clients.none()) {
			caller = (this.properties.anonymousOnLoopback() && fromLoopback(request)) ? Optional.of(Caller.LOCAL)
					: Optional.empty();
			if (caller.isEmpty()) {
				refuse(response, "missing", null, "This gateway accepts local clients only.");
				return;
			}
		}
		else if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			refuse(response, "missing", null, "Send 'Authorization: Bearer <token>' with every request.");
			return;
		}
		else {
			caller = this.clients.authenticate(header.substring(BEARER.length()).strip());
			if (caller.isEmpty()) {
				refuse(response, "invalid", "invalid_token", "The bearer token is not one this gateway knows.");
				return;
			}
		}
		request.setAttribute(Caller.KEY, caller.get());
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletResponse response, String reason, String error, String message) throws IOException {
		failures(this.meters, reason).increment();
		String challenge = "Bearer realm=\"" + this.properties.realm() + "\""
				+ ((error != null) ? ", error=\"" + error + "\", error_description=\"" + message + "\"" : "");
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream()
			.write(("{\"error\":\"unauthorized\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
	}

	private static boolean fromLoopback(HttpServletRequest request) {
		try {
			return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
