package dev.telephony.gateway.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets clients on this machine in without a token, as {@link Caller#LOCAL}, on a gateway
 * that only this machine can reach and that has no static token configured: the first
 * local run needs no set-up. A request that carries a token is judged by its token, and
 * one that came through a proxy (forwarding headers) is not local, whatever its address.
 */
final class LocalClients extends OncePerRequestFilter {

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final boolean open;

	LocalClients(boolean open) {
		this.open = open;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.open || request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (fromLoopback(request)) {
			SecurityContext context = this.contexts.createEmptyContext();
			context.setAuthentication(new StaticTokens.StaticClient(Caller.LOCAL));
			this.contexts.setContext(context);
		}
		chain.doFilter(request, response);
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
