package dev.telephony.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationKeysTests {

	@Test
	void privateKeySignsWhatThePublicKeyVerifies() throws Exception {
		ApplicationKeys keys = ApplicationKeys.generate();
		KeyFactory rsa = KeyFactory.getInstance("RSA");
		byte[] message = "a JWT header and claims".getBytes(StandardCharsets.UTF_8);

		Signature signer = Signature.getInstance("SHA256withRSA");
		signer.initSign(rsa.generatePrivate(new PKCS8EncodedKeySpec(der(keys.privateKeyPem()))));
		signer.update(message);
		Signature verifier = Signature.getInstance("SHA256withRSA");
		verifier.initVerify(rsa.generatePublic(new X509EncodedKeySpec(der(keys.publicKeyPem()))));
		verifier.update(message);

		assertThat(verifier.verify(signer.sign())).isTrue();
	}

	@Test
	void pemHasTheHeadersTheSdkAndTheSandboxExpect() {
		ApplicationKeys keys = ApplicationKeys.generate();
		assertThat(keys.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n")
			.endsWith("\n-----END PRIVATE KEY-----\n");
		assertThat(keys.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n")
			.endsWith("\n-----END PUBLIC KEY-----\n");
	}

	@Test
	void theSharedPairIsOnePerJvmAndEveryGeneratedOneIsNew() {
		assertThat(ApplicationKeys.shared().publicKeyPem()).isEqualTo(ApplicationKeys.shared().publicKeyPem());
		assertThat(ApplicationKeys.generate().publicKeyPem()).isNotEqualTo(ApplicationKeys.shared().publicKeyPem());
	}

	private static byte[] der(String pem) {
		return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
	}

}
