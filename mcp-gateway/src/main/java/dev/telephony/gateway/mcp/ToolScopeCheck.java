package dev.telephony.gateway.mcp;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.telephony.gateway.auth.BearerChallenge;
import dev.telephony.gateway.auth.Scopes;
import tools.jackson.databind.JsonNode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a tools/call whose token lacks the tool's scope, before the tool runs, with the
 * 403 step-up challenge that tells an OAuth client which scope to ask for. It has to look
 * into the message for the tool's name, so it sits behind {@link McpRequestTags}.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ToolScopeCheck extends OncePerRequestFilter {

	private static final String SCOPE_AUTHORITY = "SCOPE_";

	private final BearerChallenge challenge;

	ToolScopeCheck(BearerChallenge challenge) {
		this.challenge = challenge;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !(request.getAttribute(McpRequestTags.MESSAGE_ATTRIBUTE) instanceof JsonNode message)
				|| !"tools/call".equals(message.path("method").asString(""));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		JsonNode message = (JsonNode) request.getAttribute(McpRequestTags.MESSAGE_ATTRIBUTE);
		String tool = message.path("params").path("name").asString("");
		String required = Scopes.forTool(tool);
		List<String> granted = granted(
				SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication());
		if (!granted.contains(required)) {
			this.challenge.insufficientScope(request, response, tool.isEmpty() ? "This tool" : tool, required, granted);
			return;
		}
		chain.doFilter(request, response);
	}

	private static List<String> granted(Authentication authentication) {
		if (authentication == null) {
			return List.of();
		}
		return authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority != null && authority.startsWith(SCOPE_AUTHORITY))
			.map((authority) -> authority.substring(SCOPE_AUTHORITY.length()))
			.toList();
	}

}
