package dev.telephony.dispatcher.vonage;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The JWT the dispatcher authenticates to Vonage with (see {@link ReusedToken}).
 *
 * @param lifetime from a token's {@code iat} to its {@code exp}; Vonage honours at most
 * 24 hours
 * @param renewBefore how long before its {@code exp} a token is replaced: more than a
 * request can take from being built to being checked by Vonage (its timeout, the rate
 * slot's hold) plus the clock difference between us and Vonage. Equal to the lifetime, a
 * token is signed for every request.
 */
@Validated
@ConfigurationProperties("telephony.vonage.token")
record TokenProperties(@DefaultValue("10m") @NotNull Duration lifetime,
		@DefaultValue("1m") @NotNull Duration renewBefore) {

	@AssertTrue(message = "telephony.vonage.token.lifetime must lie between 1 minute and 24 hours, and "
			+ "telephony.vonage.token.renew-before between 0 and the lifetime")
	boolean isConsistent() {
		return this.lifetime.compareTo(Duration.ofMinutes(1)) >= 0 && this.lifetime.compareTo(Duration.ofHours(24)) <= 0
				&& !this.renewBefore.isNegative() && this.renewBefore.compareTo(this.lifetime) <= 0;
	}

}
