package dev.telephony.authserver.system;

import java.time.Clock;

import javax.sql.DataSource;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.telephony.authserver.login.ConfiguredUsers;
import dev.telephony.authserver.login.LoginProperties;
import dev.telephony.authserver.registration.ClientMetadataDocuments;
import dev.telephony.authserver.registration.ClientMetadataProperties;
import dev.telephony.authserver.storage.AuthDatabase;
import dev.telephony.authserver.storage.SigningKeys;
import dev.telephony.authserver.tokens.AccessTokenCustomizer;
import dev.telephony.authserver.tokens.RotatingRefreshTokenGenerator;
import dev.telephony.authserver.tokens.TokenProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/** Storage, keys, users and token generation, shared by the features. */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SystemConfiguration.class);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	AuthDatabase authDatabase(DataSource dataSource) {
		return new AuthDatabase(dataSource);
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(AuthDatabase database, ClientMetadataProperties documents,
			Clock clock) {
		return new ClientMetadataDocuments(new JdbcRegisteredClientRepository(database.jdbc()), documents, clock);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(AuthDatabase database, RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationService(database.jdbc(), clients);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(AuthDatabase database,
			RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(database.jdbc(), clients);
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(AuthDatabase database, Clock clock) {
		return new SigningKeys(database, clock).source();
	}

	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(JWKSource<SecurityContext> keys, TokenProperties properties, Clock clock) {
		JwtGenerator jwts = new JwtGenerator(new NimbusJwtEncoder(keys));
		jwts.setJwtCustomizer(new AccessTokenCustomizer(properties));
		return new DelegatingOAuth2TokenGenerator(jwts, new RotatingRefreshTokenGenerator(properties, clock));
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return ConfiguredUsers.passwordEncoder();
	}

	@Bean
	UserDetailsService userDetailsService(LoginProperties properties,
			ObjectProvider<ClientRegistrationRepository> upstream) {
		if (properties.users().isEmpty() && upstream.getIfAvailable() == null) {
			logger.warn("No one can sign in: set telephony.auth.users.<name>=<BCrypt hash> "
					+ "or configure an upstream provider (spring.security.oauth2.client.registration.*)");
		}
		else if (upstream.getIfAvailable() != null && properties.upstreamUsers().isEmpty()) {
			logger.warn("An upstream provider is configured but telephony.auth.upstream-users is empty, "
					+ "so no one can sign in through it");
		}
		return ConfiguredUsers.of(properties);
	}

}
