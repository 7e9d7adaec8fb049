package dev.telephony.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The sandbox application's RSA key pair (PKCS#8 / X.509 PEM, as local-stack's
 * SandboxKeys writes them) and the webhook signature secret, generated per run.
 *
 * @param privateKey the dispatcher's (and the baseline's) signing key
 * @param publicKey the sandbox's verification key
 * @param signatureSecret the webhook signature secret shared by sandbox and ingest
 */
record Keys(Path privateKey, Path publicKey, String signatureSecret) {

	static final String APPLICATION_ID = "5f0c1e2a-7b3d-4c8e-9a10-000000000001";

	static Keys generate(Path dir) throws IOException {
		Files.createDirectories(dir);
		SecureRandom random = new SecureRandom();
		KeyPair pair;
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048, random);
			pair = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		Path privateKey = dir.resolve("application.key");
		Path publicKey = dir.resolve("application.pub");
		Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
		Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		return new Keys(privateKey, publicKey, HexFormat.of().formatHex(secret));
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	@Override
	public String toString() {
		return "Keys[" + this.privateKey + ", " + this.publicKey + "]";
	}

}
