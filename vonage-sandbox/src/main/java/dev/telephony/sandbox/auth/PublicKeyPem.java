package dev.telephony.sandbox.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the application's RSA public key from {@code sandbox.public-key} or
 * {@code sandbox.public-key-path}. Failing loudly at startup beats answering every
 * request with 401.
 */
final class PublicKeyPem {

	private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";

	private static final String END = "-----END PUBLIC KEY-----";

	private PublicKeyPem() {
	}

	static RSAPublicKey load(AccountProperties properties) {
		boolean inline = properties.publicKey() != null && !properties.publicKey().isBlank();
		if (inline && properties.publicKeyPath() != null) {
			throw new IllegalStateException(
					"Set only one of sandbox.public-key and sandbox.public-key-path, not both.");
		}
		if (inline) {
			return parse(properties.publicKey(), "sandbox.public-key");
		}
		if (properties.publicKeyPath() != null) {
			try {
				return parse(Files.readString(properties.publicKeyPath()),
						"sandbox.public-key-path (" + properties.publicKeyPath() + ")");
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot read sandbox.public-key-path " + properties.publicKeyPath(),
						ex);
			}
		}
		throw new IllegalStateException("No Vonage application public key configured: set sandbox.public-key to the "
				+ "PEM text (-----BEGIN PUBLIC KEY-----) or sandbox.public-key-path to a file holding it. It must "
				+ "match the private key your Vonage SDK client signs its JWTs with.");
	}

	static RSAPublicKey parse(String pem, String source) {
		String text = pem.strip();
		if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
			throw new IllegalStateException(source + " is not an X.509 PEM public key: expected text between " + BEGIN
					+ " and " + END + " (convert PKCS#1 'RSA PUBLIC KEY' files with "
					+ "'openssl rsa -RSAPublicKey_in -pubout').");
		}
		String base64 = text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("\\s", "");
		try {
			byte[] der = Base64.getDecoder().decode(base64);
			return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
		}
		catch (IllegalArgumentException | GeneralSecurityException | ClassCastException ex) {
			throw new IllegalStateException(source + " does not hold a valid RSA public key", ex);
		}
	}

}
