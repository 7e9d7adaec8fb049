package dev.telephony.authserver.ratelimit;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How often one client address may try the endpoints that cost us something when abused:
 * signing in (password guessing) and registering clients (open to anyone, and each
 * registration is a stored row).
 *
 * @param login attempts at {@code POST /login}
 * @param register registrations at {@code POST /oauth2/register}
 */
@Validated
@ConfigurationProperties("telephony.auth.rate-limit")
public record RateLimitProperties(@Valid @NotNull Limit login, @Valid @NotNull Limit register) {

	/**
	 * @param requests how many requests one address may make per period
	 * @param period the period after which an address may make that many again
	 */
	public record Limit(@Min(1) int requests, @NotNull Duration period) {

	}

}
