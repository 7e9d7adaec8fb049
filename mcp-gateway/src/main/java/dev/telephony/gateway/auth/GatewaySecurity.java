package dev.telephony.gateway.auth;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Who may use /mcp: Spring Security's resource server, taking the static client tokens
 * and, when an issuer is configured, OAuth JWT access tokens made out to this server.
 * Health, metrics and the protected-resource metadata stay open.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

	@Bean
	SecurityFilterChain mcpSecurity(HttpSecurity http, Clients clients, AuthProperties auth, OAuthProperties oauth,
			BearerChallenge challenge, McpServerStreamableHttpProperties mcp,
			@Value("${server.address:}") String bindAddress) {
		String endpoint = mcp.getMcpEndpoint();
		AuthenticationManager tokens = tokens(clients, oauth);
		boolean localOpen = auth.anonymousOnLoopback() && clients.none() && ExposureCheck.isLoopback(bindAddress);
		// The allowed browser origins come from the MCP transport's configuration, as a
		// CorsConfigurationSource bean.
		http.cors(Customizer.withDefaults())
			.csrf(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests
				// The transport's event streams resume on async dispatches of a request
				// already let in.
				.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(endpoint, endpoint + "/**")
				.authenticated()
				.anyRequest()
				.permitAll())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(challenge))
			.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationManagerResolver((request) -> tokens)
				.authenticationEntryPoint(challenge)
				.withObjectPostProcessor(failuresAnsweredBy(challenge))
				.protectedResourceMetadata((metadata) -> metadata
					.protectedResourceMetadataCustomizer((builder) -> describe(builder, oauth))))
			.addFilterBefore(new LocalClients(localOpen), BearerTokenAuthenticationFilter.class)
			.addFilterAfter(new CallerAttribute(), AuthorizationFilter.class);
		return http.build();
	}

	/**
	 * No observation per security filter: a waiting tool call holds its request for
	 * minutes, and each of the chain's observations kept a context, and four stack frames
	 * per filter, alive for all of that time. The request itself is still observed (the
	 * http.server.requests metric).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Spring rethrows a failure to reach the issuer as a server error; it is answered
	 * here as what it is, a dependency that is down.
	 */
	private static ObjectPostProcessor<BearerTokenAuthenticationFilter> failuresAnsweredBy(BearerChallenge challenge) {
		return new ObjectPostProcessor<>() {

			@Override
			public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
				filter.setAuthenticationFailureHandler((request, response, failure) -> {
					if (failure instanceof AuthenticationServiceException) {
						challenge.issuerUnreachable(response);
					}
					else {
						challenge.commence(request, response, failure);
					}
				});
				return filter;
			}

		};
	}

	private static AuthenticationManager tokens(Clients clients, OAuthProperties oauth) {
		List<AuthenticationProvider> providers = new ArrayList<>();
		providers.add(new StaticTokens(clients, oauth.enabled()));
		if (oauth.enabled()) {
			providers.add(new JwtAuthenticationProvider(decoder(oauth)));
		}
		ProviderManager manager = new ProviderManager(providers);
		manager.setEraseCredentialsAfterAuthentication(true);
		return manager;
	}

	/**
	 * Discovered on first use, and again after a failure: the gateway starts, and keeps
	 * serving static-token clients, while the authorization server is still coming up.
	 */
	static JwtDecoder decoder(OAuthProperties oauth) {
		JwtDecoder discovered = new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder decoder = (oauth.jwkSetUri() != null)
					? NimbusJwtDecoder.withJwkSetUri(oauth.jwkSetUri().toString()).build()
					: NimbusJwtDecoder.withIssuerLocation(oauth.issuer().toString()).build();
			decoder.setJwtValidator(validator(oauth));
			return decoder;
		});
		// Spring's provider maps a JwtException to a server-side failure, and lets the
		// supplier's own exception escape as a bare runtime error.
		return (token) -> {
			try {
				return discovered.decode(token);
			}
			catch (JwtDecoderInitializationException ex) {
				throw new JwtException("the issuer's keys could not be fetched", ex);
			}
		};
	}

	static OAuth2TokenValidator<Jwt> validator(OAuthProperties oauth) {
		List<String> audiences = oauth.acceptedAudiences();
		JwtTypeValidator type = new JwtTypeValidator("JWT", "at+jwt");
		type.setAllowEmpty(true);
		return new DelegatingOAuth2TokenValidator<>(type, new JwtTimestampValidator(oauth.clockSkew()),
				new JwtIssuerValidator(oauth.issuer().toString()),
				new JwtClaimValidator<List<String>>("aud",
						(aud) -> aud != null && aud.stream().anyMatch(audiences::contains)),
				new JwtClaimValidator<String>("sub", (sub) -> sub != null && !sub.isBlank() && sub.length() <= 255));
	}

	private static void describe(OAuth2ProtectedResourceMetadata.Builder metadata, OAuthProperties oauth) {
		if (oauth.resource() != null) {
			metadata.resource(oauth.resource().toString());
		}
		if (oauth.enabled()) {
			metadata.authorizationServer(oauth.issuer().toString());
		}
		metadata.scopes((scopes) -> scopes.addAll(Scopes.ALL))
			.resourceName("Telephony gateway: phone calls and SMS through Vonage")
			.tlsClientCertificateBoundAccessTokens(false);
	}

}
