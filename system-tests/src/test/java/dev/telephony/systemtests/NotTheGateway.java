package dev.telephony.systemtests;

/**
 * Arguments for every service but the gateway when they share this test JVM's classpath.
 * The gateway brings the MCP server, Spring Security and Jetty onto it; deployed, each
 * service has its own classpath and none of them, so here they are switched off for the
 * others, which would otherwise serve MCP, ask for a generated password on every
 * endpoint, or run on Jetty (Spring Boot takes Jetty over Tomcat when it finds both).
 */
public final class NotTheGateway {

	private static final String SECURITY = "org.springframework.boot.security.autoconfigure.";

	public static final String NO_MCP = "--spring.ai.mcp.server.enabled=false";

	public static final String GATEWAY_ONLY = "--spring.autoconfigure.exclude=" + SECURITY
			+ "SecurityAutoConfiguration," + SECURITY + "UserDetailsServiceAutoConfiguration," + SECURITY
			+ "web.servlet.ServletWebSecurityAutoConfiguration," + SECURITY
			+ "web.servlet.SecurityFilterAutoConfiguration," + SECURITY
			+ "actuate.web.servlet.ManagementWebSecurityAutoConfiguration,"
			+ "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration,"
			+ "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration,"
			+ "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration";

	private NotTheGateway() {
	}

}
