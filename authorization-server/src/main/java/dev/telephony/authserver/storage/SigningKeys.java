package dev.telephony.authserver.storage;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.interfaces.RSAPublicKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * The RSA key access tokens are signed with. It is made at first start and kept in the
 * database, so tokens stay valid across restarts and every instance on a shared database
 * signs with the same key.
 */
public final class SigningKeys {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeys.class);

	private final RSAKey key;

	public SigningKeys(AuthDatabase database, Clock clock) {
		this.key = loadOrCreate(database, clock);
	}

	public JWKSource<SecurityContext> source() {
		return new ImmutableJWKSet<>(new JWKSet(this.key));
	}

	private static RSAKey loadOrCreate(AuthDatabase database, Clock clock) {
		JdbcOperations jdbc = database.jdbc();
		RSAKey stored = load(jdbc);
		if (stored != null) {
			return stored;
		}
		RSAPrivateCrtKey generated = generate();
		// Instances starting at once on an empty database: the first to get the lock
		// stores its key, the others find it there and use it. (Storing each one's key
		// and taking the oldest was not enough: one that had already read its own key
		// kept it when another, its clock behind, stored an older-looking one after.)
		database.exclusively(AuthDatabase.SIGNING_KEY_TABLE, () -> {
			if (load(jdbc) == null) {
				jdbc.update(
						"INSERT INTO " + AuthDatabase.SIGNING_KEY_TABLE
								+ " (key_id, private_key, created_at) VALUES (?, ?, ?)",
						UUID.randomUUID().toString(), Base64.getEncoder().encodeToString(generated.getEncoded()),
						Timestamp.from(clock.instant()));
				logger.info("Generated a new token signing key");
			}
		});
		RSAKey key = load(jdbc);
		if (key == null) {
			throw new IllegalStateException("The signing key was stored but cannot be read back");
		}
		return key;
	}

	private static RSAKey load(JdbcOperations jdbc) {
		List<RSAKey> keys = jdbc.query(
				"SELECT key_id, private_key FROM " + AuthDatabase.SIGNING_KEY_TABLE + " ORDER BY created_at, key_id",
				(row, n) -> toJwk(row.getString(1), row.getString(2)));
		return keys.isEmpty() ? null : keys.get(0);
	}

	private static RSAKey toJwk(String keyId, String encoded) {
		try {
			KeyFactory factory = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded)));
			RSAPublicKey publicKey = (RSAPublicKey) factory
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return new RSAKey.Builder(publicKey).privateKey(privateKey)
				.keyID(keyId)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.build();
		}
		catch (NoSuchAlgorithmException | InvalidKeySpecException | ClassCastException ex) {
			throw new IllegalStateException("The stored signing key " + keyId + " is not an RSA private key", ex);
		}
	}

	private static RSAPrivateCrtKey generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("This JVM cannot make RSA keys", ex);
		}
	}

}
