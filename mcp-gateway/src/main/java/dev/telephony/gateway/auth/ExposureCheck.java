package dev.telephony.gateway.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a gateway that anyone on the network could use to place calls: a bind
 * beyond loopback needs at least one token. A loopback-only gateway may run open, for a
 * first local run.
 */
@Component
class ExposureCheck {

	private static final Log logger = LogFactory.getLog(ExposureCheck.class);

	ExposureCheck(Clients clients, AuthProperties properties, OAuthProperties oauth,
			@Value("${server.address:}") String bindAddress) {
		boolean loopbackOnly = isLoopback(bindAddress);
		if (oauth.enabled()) {
			logger.info("/mcp takes OAuth access tokens from " + oauth.issuer() + " for " + oauth.resource()
					+ ((clients.none()) ? "" : " and " + clients.count() + " static client token(s)"));
		}
		if (!clients.none() || oauth.enabled()) {
			if (!oauth.enabled()) {
				logger.info("/mcp requires a bearer token; " + clients.count() + " client(s) configured");
			}
			if (loopbackOnly && clients.none() && properties.anonymousOnLoopback()) {
				logger.info("/mcp also lets clients on this machine in without a token");
			}
		}
		else if (!loopbackOnly) {
			throw new IllegalStateException("Refusing to start: /mcp would listen on "
					+ (bindAddress.isBlank() ? "every network interface" : bindAddress)
					+ " with no client token and no OAuth issuer, so anyone who can reach it could place calls and send SMS at your cost."
					+ " Configure a token (MCP_AUTH_TOKENS=name=token, or telephony.gateway.auth.tokens.<name>="
					+ "<sha256 of the token>), an OAuth issuer (MCP_OAUTH_ISSUER and MCP_OAUTH_RESOURCE) or bind to loopback (server.address=127.0.0.1).");
		}
		else if (properties.anonymousOnLoopback()) {
			logger.warn("/mcp is open without a token to clients on this machine only (bound to " + bindAddress
					+ "); configure MCP_AUTH_TOKENS before exposing it");
		}
		else {
			logger.warn("/mcp has no client token configured and anonymous loopback access is off:"
					+ " every request will be refused");
		}
	}

	static boolean isLoopback(String bindAddress) {
		if (bindAddress == null || bindAddress.isBlank()) {
			// Spring Boot binds every interface when no address is set.
			return false;
		}
		try {
			return InetAddress.getByName(bindAddress).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("server.address " + bindAddress + " does not resolve", ex);
		}
	}

}
