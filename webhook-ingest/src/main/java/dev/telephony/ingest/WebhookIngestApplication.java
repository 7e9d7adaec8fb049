package dev.telephony.ingest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Receives Vonage webhooks and publishes them to Kafka as events. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebhookIngestApplication {

	public static void main(String[] args) {
		builder().run(args);
	}

	/**
	 * The application with its own configuration file name, so that it can share a
	 * classpath with the other services in end-to-end tests without reading their
	 * settings.
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(WebhookIngestApplication.class)
			.properties("spring.config.name=webhook-ingest");
	}

}
