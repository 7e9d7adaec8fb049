package dev.telephony.testsupport;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A Vonage application's RSA key pair, PEM-encoded the way Vonage hands them out: the
 * public key as X.509 for the sandbox and the private key as PKCS#8, the only format the
 * SDK reads.
 */
public final class ApplicationKeys {

	private final KeyPair keys;

	private ApplicationKeys(KeyPair keys) {
		this.keys = keys;
	}

	/** A new pair; 2048 bits, as Vonage's own. */
	public static ApplicationKeys generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return new ApplicationKeys(generator.generateKeyPair());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One pair for the whole test JVM, for tests whose cached Spring contexts must all
	 * trust the same key.
	 */
	public static ApplicationKeys shared() {
		return Shared.KEYS;
	}

	public String privateKeyPem() {
		return pem("PRIVATE KEY", this.keys.getPrivate().getEncoded());
	}

	public String publicKeyPem() {
		return pem("PUBLIC KEY", this.keys.getPublic().getEncoded());
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	// A holder, so that a JVM that never asks pays nothing for the key generation.
	private static final class Shared {

		static final ApplicationKeys KEYS = generate();

	}

}
