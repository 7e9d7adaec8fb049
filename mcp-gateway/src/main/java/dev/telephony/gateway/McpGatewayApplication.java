package dev.telephony.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The MCP server: tools in, commands to Kafka, events back to the waiting tools. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class McpGatewayApplication {

	public static void main(String[] args) {
		builder().run(args);
	}

	/**
	 * The application with its own configuration file name, so that it can share a
	 * classpath with the other services in end-to-end tests without reading their
	 * settings.
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(McpGatewayApplication.class).properties("spring.config.name=mcp-gateway");
	}

}
