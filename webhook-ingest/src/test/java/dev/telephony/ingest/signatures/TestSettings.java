package dev.telephony.ingest.signatures;

import java.time.Duration;

import dev.telephony.ingest.signatures.SignatureProperties.SmsSignatureMethod;

final class TestSettings {

	private TestSettings() {
	}

	static SignatureProperties properties(String secret, SmsSignatureMethod method) {
		return new SignatureProperties(secret, true, Duration.ofMinutes(5), Duration.ofSeconds(30), method,
				Duration.ofMinutes(5));
	}

}
