package dev.telephony.gateway.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the authenticated caller's name to the MCP transport, which copies request
 * attributes into the tools' context: a static client's name, or an OAuth token's subject
 * and the client it was issued to ({@code client_id}, else {@code azp}), which the audit
 * records.
 */
final class CallerAttribute extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContextHolderStrategy()
			.getContext()
			.getAuthentication();
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			request.setAttribute(Caller.KEY, authentication.getName());
			if (authentication instanceof JwtAuthenticationToken oauth) {
				String client = oauth.getToken().getClaimAsString("client_id");
				client = (client != null) ? client : oauth.getToken().getClaimAsString("azp");
				if (client != null) {
					request.setAttribute(Caller.CLIENT_KEY, client);
				}
			}
		}
		chain.doFilter(request, response);
	}

}
