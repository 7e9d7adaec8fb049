package dev.telephony.dispatcher;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A Vonage application key pair made for a test, as PEM text for the dispatcher and the
 * sandbox.
 */
public final class TestKeys {

	private final KeyPair keys;

	public TestKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			this.keys = generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** PKCS#8, as the Vonage SDK reads it. */
	public String privateKeyPem() {
		return pem("PRIVATE KEY", this.keys.getPrivate().getEncoded());
	}

	/** X.509, as the sandbox reads it. */
	public String publicKeyPem() {
		return pem("PUBLIC KEY", this.keys.getPublic().getEncoded());
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
