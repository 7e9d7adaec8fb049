package dev.telephony.dispatcher.vonage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.vonage.client.auth.JWTAuthMethod;

/**
 * The application's JWT, signed once and sent with every request until shortly before it
 * expires, instead of an RS256 signature per request: 1 to 2 ms of the dispatcher's CPU
 * on the path of every command.
 * <p>
 * Why reuse is right for Vonage: a token is valid until its {@code exp}, and Vonage
 * accepts the same token again and again until then, at most 24 hours after its
 * {@code iat} (Vonage API Support, "How long is my JSON Web Token valid for?"; without an
 * {@code exp}, as the SDK signs them, 15 minutes). Vonage documents {@code jti} as a
 * unique identifier of the token and asks for nothing per request: each token here gets a
 * new random one, so no two tokens share it, and the same token with the same {@code jti}
 * is what reuse means. Each token carries an explicit {@code exp}, so its lifetime is
 * ours, not a server default. Should Vonage ever refuse a reused token, the requests fail
 * with 401 ({@code provider_auth_failed}), and
 * {@code telephony.vonage.token.renew-before} equal to the lifetime signs one per request
 * again.
 * <p>
 * Replaces the SDK's own {@link JWTAuthMethod}, whose {@code generateToken()} signs every
 * token from one shared, unsynchronised claims builder, so that requests built at once
 * lost claims and were refused with 401. Here each token is built from a builder of its
 * own, under this object's lock, and requests need no lock of their own.
 */
class ReusedToken extends JWTAuthMethod {

	private final Clock clock;

	private final Duration lifetime;

	private final Duration renewBefore;

	private String token;

	private Instant renewAt = Instant.MIN;

	ReusedToken(String applicationId, byte[] privateKey, TokenProperties properties, Clock clock) {
		super(applicationId, privateKey);
		this.clock = clock;
		this.lifetime = properties.lifetime();
		this.renewBefore = properties.renewBefore();
	}

	@Override
	public synchronized String generateToken() {
		Instant now = this.clock.instant();
		if (this.token == null || !now.isBefore(this.renewAt)) {
			// The claims are whole seconds: renewing counts from what the token says.
			Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
			Instant expiresAt = issuedAt.plus(this.lifetime);
			this.token = newJwt().issuedAt(issuedAt.atZone(ZoneOffset.UTC))
				.expiresAt(expiresAt.atZone(ZoneOffset.UTC))
				.id(UUID.randomUUID().toString())
				.build()
				.generate();
			this.renewAt = expiresAt.minus(this.renewBefore);
		}
		return this.token;
	}

}
