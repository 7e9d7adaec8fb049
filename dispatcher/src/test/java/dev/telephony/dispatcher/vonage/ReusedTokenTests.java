package dev.telephony.dispatcher.vonage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.telephony.testsupport.ApplicationKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One token for many requests, on a clock the test moves. */
class ReusedTokenTests {

	private static final String APPLICATION_ID = "5f0c1e2a-7b3d-4c8e-9a10-0000000000cc";

	private static final ApplicationKeys KEYS = ApplicationKeys.shared();

	private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T12:00:00.250Z"));

	@Test
	void aTokenIsReusedUntilLessThanTheRenewalMarginOfItsLifetimeIsLeft() {
		ReusedToken auth = token(Duration.ofMinutes(10), Duration.ofMinutes(1));
		String first = auth.generateToken();

		this.clock.advance(Duration.ofMinutes(5));
		assertThat(auth.generateToken()).isSameAs(first);
		// exp is 12:10:00 (iat in whole seconds), so renewal is due at 12:09:00.
		this.clock.set(Instant.parse("2026-12-03T12:08:59.999Z"));
		assertThat(auth.generateToken()).isSameAs(first);

		this.clock.set(Instant.parse("2026-12-03T12:09:00Z"));
		String second = auth.generateToken();
		assertThat(second).isNotEqualTo(first);
		assertThat(verified(second).getIssuedAtAsInstant()).isEqualTo(Instant.parse("2026-12-03T12:09:00Z"));
		assertThat(verified(second).getId()).isNotEqualTo(verified(first).getId());
		this.clock.advance(Duration.ofMinutes(8));
		assertThat(auth.generateToken()).isSameAs(second);
	}

	@Test
	void aTokenCarriesItsLifetimeAndAJtiOfItsOwnAndIsSignedWithTheApplicationsKey() {
		DecodedJWT token = verified(token(Duration.ofMinutes(10), Duration.ofMinutes(1)).generateToken());

		assertThat(token.getClaim("application_id").asString()).isEqualTo(APPLICATION_ID);
		assertThat(token.getIssuedAtAsInstant()).isEqualTo(Instant.parse("2026-12-03T12:00:00Z"));
		assertThat(token.getExpiresAtAsInstant()).isEqualTo(Instant.parse("2026-12-03T12:10:00Z"));
		assertThat(token.getId()).isNotBlank();
	}

	@Test
	void aRenewalMarginAsLongAsTheLifetimeSignsATokenForEveryRequest() {
		ReusedToken auth = token(Duration.ofMinutes(5), Duration.ofMinutes(5));

		String first = auth.generateToken();

		assertThat(auth.generateToken()).isNotEqualTo(first);
	}

	@Test
	void theLifetimeMustBeOneVonageHonoursAndTheMarginFitInIt() {
		assertThat(new TokenProperties(Duration.ofMinutes(10), Duration.ofMinutes(1)).isConsistent()).isTrue();
		assertThat(new TokenProperties(Duration.ofHours(25), Duration.ofMinutes(1)).isConsistent()).isFalse();
		assertThat(new TokenProperties(Duration.ofSeconds(10), Duration.ZERO).isConsistent()).isFalse();
		assertThat(new TokenProperties(Duration.ofMinutes(10), Duration.ofMinutes(11)).isConsistent()).isFalse();
		assertThat(new TokenProperties(Duration.ofMinutes(10), Duration.ofSeconds(-1)).isConsistent()).isFalse();
	}

	private ReusedToken token(Duration lifetime, Duration renewBefore) {
		return new ReusedToken(APPLICATION_ID, KEYS.privateKeyPem().getBytes(StandardCharsets.UTF_8),
				new TokenProperties(lifetime, renewBefore), this.clock);
	}

	/** Checked with the public key, and at the test clock's time, not the machine's. */
	private DecodedJWT verified(String token) {
		try {
			String pem = KEYS.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
			RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
			return ((JWTVerifier.BaseVerification) JWT.require(Algorithm.RSA256(key, null)))
				.build(Clock.fixed(this.clock.instant(), ZoneOffset.UTC))
				.verify(token);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
