package dev.telephony.gateway.mcp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.telephony.gateway.auth.Caller;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The Streamable HTTP transport ({@link StreamableHttpTransport}, in place of the SDK's,
 * which holds a thread per waiting call) with Host and Origin checks switched on: the SDK
 * leaves DNS-rebinding protection off, which would let any web page a user visits drive
 * the phone.
 */
@Configuration(proxyBeanMethods = false)
// The SDK transport's auto-configuration is off (see mcp-gateway.properties); its
// settings still apply here.
@EnableConfigurationProperties(McpServerStreamableHttpProperties.class)
class McpTransportConfiguration {

	@Bean
	StreamableHttpTransport streamableHttpTransport(JsonMapper jsonMapper, McpServerStreamableHttpProperties http,
			McpTransportProperties properties, Cancellations cancellations, MeterRegistry meters) {
		StreamableHttpTransport transport = new StreamableHttpTransport(new JacksonMcpJsonMapper(jsonMapper),
				http.getMcpEndpoint(), http.isDisallowDelete(), McpTransportConfiguration::transportContext,
				DefaultServerTransportSecurityValidator.builder()
					.allowedHosts(properties.allowedHosts())
					.allowedOrigins(properties.allowedOrigins())
					.build(),
				cancellations, properties.streamHeartbeat(), properties.sessionIdleTimeout());
		Gauge.builder("telephony.mcp.sessions", transport, StreamableHttpTransport::sessionCount)
			.description("MCP sessions the gateway holds")
			.register(meters);
		return transport;
	}

	@Bean
	RouterFunction<ServerResponse> mcpRoutes(StreamableHttpTransport transport) {
		return transport.routes();
	}

	/**
	 * Browser-based MCP clients (the Inspector's web UI) may call from the origins that
	 * the transport's Origin check allows, and must be able to read the challenge and the
	 * session id. Preflights are answered before authentication, as browsers send them
	 * without credentials.
	 */
	@Bean
	CorsConfigurationSource corsConfigurationSource(McpTransportProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		// The transport's patterns say "any port" as host:*, Spring's as host:[*].
		cors.setAllowedOriginPatterns(properties.allowedOrigins()
			.stream()
			.filter((origin) -> !origin.isBlank())
			.map((origin) -> origin.endsWith(":*") ? origin.substring(0, origin.length() - 1) + "[*]" : origin)
			.toList());
		cors.setAllowedMethods(List.of("GET", "POST", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Mcp-Session-Id",
				"Mcp-Protocol-Version", "Last-Event-ID"));
		cors.setExposedHeaders(List.of("WWW-Authenticate", "Mcp-Session-Id", "Mcp-Protocol-Version"));
		cors.setMaxAge(600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/mcp", cors);
		source.registerCorsConfiguration("/.well-known/**", cors);
		return source;
	}

	/** What the tools need to know of the HTTP request: who calls, and its request id. */
	private static McpTransportContext transportContext(ServerRequest request) {
		Map<String, Object> context = new HashMap<>();
		request.attribute(Caller.KEY).ifPresent((caller) -> context.put(Caller.KEY, caller));
		request.attribute(Caller.CLIENT_KEY).ifPresent((client) -> context.put(Caller.CLIENT_KEY, client));
		request.attribute(McpRequestTags.REQUEST_ID_ATTRIBUTE)
			.ifPresent((id) -> context.put(Cancellations.REQUEST_ID, id));
		return context.isEmpty() ? McpTransportContext.EMPTY : McpTransportContext.create(context);
	}

}
