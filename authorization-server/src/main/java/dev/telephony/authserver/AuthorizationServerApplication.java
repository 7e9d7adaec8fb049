package dev.telephony.authserver;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * OAuth 2.1 authorization server that issues the gateway's access tokens to MCP clients
 * such as Claude's custom connectors, which register themselves (RFC 7591).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuthorizationServerApplication {

	public static void main(String[] args) {
		builder().run(args);
	}

	/**
	 * The application with its own configuration file name, so that it can share a
	 * classpath with the other services in end-to-end tests without reading their
	 * settings.
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(AuthorizationServerApplication.class)
			.properties("spring.config.name=authorization-server");
	}

}
