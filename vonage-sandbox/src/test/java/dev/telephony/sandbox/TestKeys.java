package dev.telephony.sandbox;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * RSA key pairs generated per test JVM, PEM-encoded the way Vonage hands them out: the
 * application's public key as X.509 and the private key as PKCS#8 (the only format the
 * SDK reads).
 */
public final class TestKeys {

	private static final KeyPair APPLICATION = generate();

	private static final KeyPair STRANGER = generate();

	private TestKeys() {
	}

	public static String publicKeyPem() {
		return pem("PUBLIC KEY", APPLICATION.getPublic().getEncoded());
	}

	public static String privateKeyPem() {
		return pem("PRIVATE KEY", APPLICATION.getPrivate().getEncoded());
	}

	/** A private key that does not belong to the sandbox's application. */
	public static String strangerPrivateKeyPem() {
		return pem("PRIVATE KEY", STRANGER.getPrivate().getEncoded());
	}

	private static String pem(String type, byte[] der) {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
