package dev.telephony.gateway.system;

import org.eclipse.jetty.server.ServerConnector;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jetty's listen backlog. Its threads are the request queue's (see
 * {@code dev.telephony.gateway.mcp.RequestQueue}).
 */
@Configuration(proxyBeanMethods = false)
class WebServerConfiguration {

	/**
	 * Jetty leaves the backlog to the JDK's default of 50, and LLM hosts open a
	 * connection per concurrent tool call: a burst of a few hundred overflowed it, and
	 * the kernel's dropped handshakes surfaced as connections closed before any answer.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> acceptQueue(
			@Value("${telephony.gateway.accept-queue:4096}") int acceptQueue) {
		return (factory) -> factory.addServerCustomizers((server) -> {
			for (var connector : server.getConnectors()) {
				if (connector instanceof ServerConnector serverConnector) {
					serverConnector.setAcceptQueueSize(acceptQueue);
				}
			}
		});
	}

}
