package dev.telephony.ingest.system;

import java.time.Clock;

import dev.telephony.ingest.signatures.SignatureProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring shared by the features. */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SystemConfiguration.class);

	SystemConfiguration(SignatureProperties properties) {
		if (!properties.verifying()) {
			logger.warn("Webhook signatures are NOT verified (telephony.ingest.verify-signatures=false): "
					+ "anyone who can reach this service can inject events");
		}
		else if (!properties.verifySignatures()) {
			logger.warn("telephony.ingest.verify-signatures=false is ignored: a signature secret is configured, "
					+ "so webhooks are verified");
		}
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
