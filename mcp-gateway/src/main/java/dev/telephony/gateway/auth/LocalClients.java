package dev.telephony.gateway.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * local run needs no set-up. A request that carries a token is judged by its token. One
 * that came through a proxy is local only if the proxy says it came from this machine too
 * (every address in {@code X-Forwarded-For} and {@code Forwarded} is loopback), as on the
 * local scaled topology's HAProxy; a proxy that forwards without saying so cannot be told
 * apart, which is why a proxied deployment configures tokens.
 */
final class LocalClients extends OncePerRequestFilter {

	private static final Pattern FORWARDED_FOR = Pattern.compile("(?i)for=(\"[^\"]*\"|[^;,\\s]+)");

	private static final Pattern LITERAL_ADDRESS = Pattern.compile("[0-9.]+|[0-9a-fA-F]*:[0-9a-fA-F:.]*");

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final boolean open;

	LocalClients(boolean open) {
		this.open = open;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.open || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isLoopback(request.getRemoteAddr()) && forwardedFromLoopback(request)) {
			SecurityContext context = this.contexts.createEmptyContext();
			context.setAuthentication(new StaticTokens.StaticClient(Caller.LOCAL));
			this.contexts.setContext(context);
		}
		chain.doFilter(request, response);
	}

	private static boolean forwardedFromLoopback(HttpServletRequest request) {
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
			hops.addAll(Arrays.asList(header.split(",")));
		}
		for (String header : Collections.list(request.getHeaders("Forwarded"))) {
			Matcher forwardedFor = FORWARDED_FOR.matcher(header);
			while (forwardedFor.find()) {
				hops.add(forwardedFor.group(1));
			}
		}
		return hops.stream().allMatch(LocalClients::isLoopback);
	}

	/** An address as proxies write it: bare, bracketed IPv6, with or without a port. */
	private static boolean isLoopback(String address) {
		String host = address.strip().replace("\"", "");
		if (host.startsWith("[")) {
			host = host.substring(1, Math.max(1, host.indexOf(']')));
		}
		else if (host.chars().filter((c) -> c == ':').count() == 1) {
			host = host.substring(0, host.indexOf(':'));
		}
		if (!LITERAL_ADDRESS.matcher(host).matches()) {
			// Never resolve a name a client wrote: only literal addresses count.
			return false;
		}
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
