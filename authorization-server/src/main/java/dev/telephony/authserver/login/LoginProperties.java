package dev.telephony.authserver.login;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may sign in.
 *
 * @param users user name to password hash: BCrypt ({@code $2a$...}) or any hash Spring
 * Security's {@code DelegatingPasswordEncoder} reads ({@code {bcrypt}...},
 * {@code {argon2}...}); never a plain password
 * @param upstreamUsers who may sign in through a configured upstream OpenID provider:
 * their user name there ({@code sub}, or the attribute the registration's
 * {@code user-name-attribute} names) or their verified e-mail address; empty lets no one
 * in, since the provider would otherwise admit everyone with an account there
 */
@Validated
@ConfigurationProperties("telephony.auth")
public record LoginProperties(@DefaultValue Map<String, String> users, @DefaultValue List<String> upstreamUsers) {

}
