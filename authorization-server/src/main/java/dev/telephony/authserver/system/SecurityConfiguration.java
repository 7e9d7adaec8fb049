package dev.telephony.authserver.system;

import java.io.IOException;

import dev.telephony.authserver.consent.ConsentPages;
import dev.telephony.authserver.login.LoginPages;
import dev.telephony.authserver.login.LoginProperties;
import dev.telephony.authserver.login.UpstreamUserPolicy;
import dev.telephony.authserver.ratelimit.RateLimitFilter;
import dev.telephony.authserver.ratelimit.RateLimitProperties;
import dev.telephony.authserver.registration.ClientMetadataProperties;
import dev.telephony.authserver.registration.ClientRegistrationPolicy;
import dev.telephony.authserver.registration.RegisteredClientFactory;
import dev.telephony.authserver.scopes.GatewayScope;
import dev.telephony.authserver.tokens.AuthorizationRequestResourceValidator;
import dev.telephony.authserver.tokens.PublicClientRefreshConverter;
import dev.telephony.authserver.tokens.PublicClientRefreshProvider;
import dev.telephony.authserver.tokens.TokenProperties;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Two filter chains: Spring Authorization Server's endpoints, and the pages people see
 * (sign-in, consent, errors) with the actuator.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String REGISTRATION_ENDPOINT = "/oauth2/register";

	@Bean
	AuthorizationServerSettings authorizationServerSettings(TokenProperties properties) {
		return AuthorizationServerSettings.builder()
			.issuer(properties.issuer().toString())
			.clientRegistrationEndpoint(REGISTRATION_ENDPOINT)
			.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServer(HttpSecurity http, RegisteredClientRepository clients,
			OAuth2TokenGenerator<?> tokenGenerator, TokenProperties tokens, RateLimitProperties limits,
			ClientMetadataProperties documents, MeterRegistry meters) {
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.tokenGenerator(tokenGenerator)
				.clientRegistrationEndpoint((registration) -> registration.openRegistrationAllowed(true)
					.authenticationProviders((providers) -> providers.forEach((provider) -> {
						if (provider instanceof OAuth2ClientRegistrationAuthenticationProvider registering) {
							registering.setAuthenticationValidator(new ClientRegistrationPolicy());
							registering.setRegisteredClientConverter(new RegisteredClientFactory());
						}
					})))
				.authorizationEndpoint((authorization) -> authorization.consentPage(ConsentPages.CONSENT)
					.authenticationProviders((providers) -> providers.forEach((provider) -> {
						if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider requesting) {
							requesting.setAuthenticationValidator(new AuthorizationRequestResourceValidator(tokens));
						}
					})))
				.clientAuthentication(
						(authentication) -> authentication.authenticationConverter(new PublicClientRefreshConverter())
							.authenticationProvider(new PublicClientRefreshProvider(clients)))
				.authorizationServerMetadataEndpoint(
						(metadata) -> metadata.authorizationServerMetadataCustomizer((builder) -> builder
							// MCP clients refuse a server that does not say it does PKCE.
							.codeChallengeMethods((methods) -> {
								methods.clear();
								methods.add("S256");
							})
							// Public clients, such as most MCP clients, authenticate with
							// none.
							.tokenEndpointAuthenticationMethods((methods) -> {
								if (!methods.contains(ClientAuthenticationMethod.NONE.getValue())) {
									methods.add(ClientAuthenticationMethod.NONE.getValue());
								}
							})
							// What registration allows (ClientRegistrationPolicy), not
							// all Spring has.
							.grantTypes((grants) -> {
								grants.clear();
								grants.add(AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
								grants.add(AuthorizationGrantType.REFRESH_TOKEN.getValue());
							})
							.scopes((scopes) -> scopes.addAll(GatewayScope.allValues()))
							// An https client_id names its own metadata document
							// (ClientMetadataDocuments).
							.claim("client_id_metadata_document_supported", documents.enabled())));
		});
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, REGISTRATION_ENDPOINT)
			.permitAll()
			.anyRequest()
			.authenticated())
			// The authorization endpoint asks for a user; the others want a client, and
			// answer in OAuth's JSON rather than with the sign-in page.
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LoginPages.LOGIN),
						PathPatternRequestMatcher.withDefaults().matcher("/oauth2/authorize"))
				.defaultAuthenticationEntryPointFor(SecurityConfiguration::clientAuthenticationRequired,
						AnyRequestMatcher.INSTANCE))
			.addFilterBefore(RateLimitFilter.register(REGISTRATION_ENDPOINT, limits, meters),
					AuthorizationFilter.class);
		return http.build();
	}

	private static void clientAuthenticationRequired(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex) throws IOException {
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter()
			.write("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
	}

	@Bean
	@Order(2)
	SecurityFilterChain pages(HttpSecurity http, RateLimitProperties limits, LoginProperties login,
			MeterRegistry meters, ObjectProvider<ClientRegistrationRepository> upstream) {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(LoginPages.LOGIN, LoginPages.RATE_LIMITED, "/error", "/auth.css", "/actuator/health",
					"/actuator/health/**", "/actuator/info", "/actuator/prometheus")
			.permitAll()
			// Discovery clients probe several well-known documents in turn (Spring's JWT
			// decoder asks for OpenID's first) and go on only after a 404; a redirect to
			// the sign-in page would stop them.
			.requestMatchers("/.well-known/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage(LoginPages.LOGIN))
			// After the CSRF filter, so that the page shown on refusal has a token.
			.addFilterBefore(RateLimitFilter.login(LoginPages.LOGIN, LoginPages.RATE_LIMITED, limits, meters),
					UsernamePasswordAuthenticationFilter.class);
		if (upstream.getIfAvailable() != null) {
			http.oauth2Login((oauth2) -> oauth2.loginPage(LoginPages.LOGIN)
				.userInfoEndpoint((userInfo) -> userInfo.oidcUserService(new UpstreamUserPolicy(login))));
		}
		return http.build();
	}

}
