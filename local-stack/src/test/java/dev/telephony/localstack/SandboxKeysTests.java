package dev.telephony.localstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import dev.telephony.localstack.SandboxKeys.KeyMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxKeysTests {

	@TempDir
	Path dir;

	@Test
	void generatesOnceAndReusesAfterwards() throws Exception {
		KeyMaterial first = new SandboxKeys(this.dir.resolve("keys")).ensure();
		String privatePem = Files.readString(first.privateKey());
		String publicPem = Files.readString(first.publicKey());
		KeyMaterial second = new SandboxKeys(this.dir.resolve("keys")).ensure();
		assertThat(second.privateKey()).isEqualTo(this.dir.resolve("keys/application.key"));
		assertThat(second.publicKey()).isEqualTo(this.dir.resolve("keys/application.pub"));
		assertThat(Files.readString(second.privateKey())).isEqualTo(privatePem);
		assertThat(Files.readString(second.publicKey())).isEqualTo(publicPem);
		assertThat(second.signatureSecret()).isEqualTo(first.signatureSecret()).hasSizeGreaterThanOrEqualTo(32);
	}

	@Test
	void privateKeyIsPkcs8RsaAndMatchesThePublicKey() throws Exception {
		KeyMaterial keys = new SandboxKeys(this.dir).ensure();
		String privatePem = Files.readString(keys.privateKey());
		String publicPem = Files.readString(keys.publicKey());
		assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
		assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
		KeyFactory rsa = KeyFactory.getInstance("RSA");
		PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem)));
		PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(der(publicPem)));
		assertThat(((RSAPrivateCrtKey) privateKey).getModulus().bitLength()).isEqualTo(2048);

		byte[] message = "a JWT header and claims".getBytes(StandardCharsets.UTF_8);
		Signature signer = Signature.getInstance("SHA256withRSA");
		signer.initSign(privateKey);
		signer.update(message);
		byte[] signature = signer.sign();
		Signature verifier = Signature.getInstance("SHA256withRSA");
		verifier.initVerify(publicKey);
		verifier.update(message);
		assertThat(verifier.verify(signature)).isTrue();
	}

	@Test
	void aLonePrivateKeyIsReplacedByANewPair() throws Exception {
		KeyMaterial first = new SandboxKeys(this.dir).ensure();
		String oldPrivate = Files.readString(first.privateKey());
		Files.delete(first.publicKey());
		KeyMaterial second = new SandboxKeys(this.dir).ensure();
		assertThat(Files.readString(second.privateKey())).isNotEqualTo(oldPrivate);
		assertThat(second.publicKey()).exists();
	}

	@Test
	void secretIsNotInToString() throws Exception {
		KeyMaterial keys = new SandboxKeys(this.dir).ensure();
		assertThat(keys.toString()).doesNotContain(keys.signatureSecret());
	}

	private static byte[] der(String pem) {
		return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
	}

}
