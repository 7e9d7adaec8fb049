package dev.telephony.gateway.system;

import java.util.Map;

import dev.telephony.gateway.tools.Cancellations;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.ai.mcp.server.webmvc.transport.WebMvcStreamableServerTransportProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Streamable HTTP transport with Host and Origin checks switched on: the SDK leaves
 * DNS-rebinding protection off, which would let any web page a user visits drive the
 * phone.
 */
@Configuration(proxyBeanMethods = false)
class McpTransportConfiguration {

	@Bean
	WebMvcStreamableServerTransportProvider webMvcStreamableServerTransportProvider(JsonMapper jsonMapper,
			McpServerStreamableHttpProperties http, GatewayProperties gateway) {
		return WebMvcStreamableServerTransportProvider.builder()
			.jsonMapper(new JacksonMcpJsonMapper(jsonMapper))
			.mcpEndpoint(http.getMcpEndpoint())
			.keepAliveInterval(http.getKeepAliveInterval())
			.disallowDelete(http.isDisallowDelete())
			.contextExtractor((request) -> request.attribute(McpRequestTags.REQUEST_ID_ATTRIBUTE)
				.map((id) -> McpTransportContext.create(Map.of(Cancellations.REQUEST_ID, id)))
				.orElse(McpTransportContext.EMPTY))
			.securityValidator(DefaultServerTransportSecurityValidator.builder()
				.allowedHosts(gateway.allowedHosts())
				.allowedOrigins(gateway.allowedOrigins())
				.build())
			.build();
	}

}
