package dev.telephony.ingest.signatures;

import java.time.Duration;

import dev.telephony.ingest.system.IngestProperties;
import dev.telephony.ingest.system.IngestProperties.ReadApi;
import dev.telephony.ingest.system.IngestProperties.SmsSignatureMethod;

import org.springframework.util.unit.DataSize;

final class TestSettings {

	private TestSettings() {
	}

	static IngestProperties properties(String secret, SmsSignatureMethod method) {
		return new IngestProperties(secret, true, Duration.ofMinutes(5), Duration.ofSeconds(30), method,
				Duration.ofMinutes(5), DataSize.ofKilobytes(64), Duration.ofSeconds(5),
				new ReadApi(10_000, Duration.ofHours(24)));
	}

}
