package dev.telephony.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key material shared by the sandbox and the services: an RSA application key pair (the
 * dispatcher signs JWTs with the private key, the sandbox verifies them with the public
 * one) and the webhook signature secret. Generated once per data folder, so restarts keep
 * the same identity.
 */
final class SandboxKeys {

	static final String PRIVATE_KEY = "application.key";

	static final String PUBLIC_KEY = "application.pub";

	static final String SIGNATURE_SECRET = "signature-secret";

	private final Path dir;

	private final SecureRandom random = new SecureRandom();

	SandboxKeys(Path dir) {
		this.dir = dir;
	}

	/**
	 * Returns the key material in the folder, generating what is missing.
	 * @return the key material
	 * @throws IOException if the files cannot be read or written
	 */
	KeyMaterial ensure() throws IOException {
		Files.createDirectories(this.dir);
		Path privateKey = this.dir.resolve(PRIVATE_KEY);
		Path publicKey = this.dir.resolve(PUBLIC_KEY);
		// A lone half of a pair is useless (it cannot match anything new), so regenerate
		// both.
		if (!Files.isRegularFile(privateKey) || !Files.isRegularFile(publicKey)) {
			writeKeyPair(privateKey, publicKey);
		}
		Path secretFile = this.dir.resolve(SIGNATURE_SECRET);
		if (!Files.isRegularFile(secretFile) || Files.readString(secretFile).isBlank()) {
			byte[] secret = new byte[32];
			this.random.nextBytes(secret);
			writePrivate(secretFile, HexFormat.of().formatHex(secret) + "\n");
		}
		return new KeyMaterial(privateKey, publicKey, Files.readString(secretFile).strip());
	}

	private void writeKeyPair(Path privateKey, Path publicKey) throws IOException {
		KeyPair pair;
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048, this.random);
			pair = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("RSA is not available in this JDK", ex);
		}
		// getEncoded() is PKCS#8 for RSA private keys and X.509 SubjectPublicKeyInfo for
		// public keys: the formats the Vonage SDK and standard JWT libraries read.
		writePrivate(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
		Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	private static void writePrivate(Path file, String content) throws IOException {
		Files.writeString(file, content);
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system (Windows): rely on the folder's ACLs.
		}
	}

	/**
	 * Paths of the key pair and the signature secret itself.
	 *
	 * @param privateKey PKCS#8 PEM private key
	 * @param publicKey X.509 PEM public key
	 * @param signatureSecret webhook signature secret
	 */
	record KeyMaterial(Path privateKey, Path publicKey, String signatureSecret) {

		@Override
		public String toString() {
			return "KeyMaterial[privateKey=" + this.privateKey + ", publicKey=" + this.publicKey
					+ ", signatureSecret=<redacted>]";
		}

	}

}
