package dev.telephony.ingest;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** Verification can only be switched off explicitly. */
class StartupTests {

	@Test
	void refusesToStartWithoutASecretWhileVerifying() {
		assertThatException()
			.isThrownBy(() -> WebhookIngestApplication.builder()
				.run("--server.port=0", "--spring.kafka.bootstrap-servers=127.0.0.1:1",
						"--spring.kafka.admin.auto-create=false", "--telephony.ingest.signature-secret="))
			.satisfies((ex) -> assertThat(stackText(ex)).contains("telephony.ingest.signature-secret")
				.contains("telephony.ingest.verify-signatures=false"));
	}

	@Test
	void startsWithoutASecretWhenVerificationIsSwitchedOff() {
		try (ConfigurableApplicationContext ingest = WebhookIngestApplication.builder()
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=127.0.0.1:1",
					"--spring.kafka.admin.auto-create=false", "--telephony.ingest.signature-secret=",
					"--telephony.ingest.verify-signatures=false")) {
			assertThat(ingest.isRunning()).isTrue();
		}
	}

	private static String stackText(Throwable ex) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			text.append(cause.getMessage()).append('\n');
		}
		return text.toString();
	}

}
