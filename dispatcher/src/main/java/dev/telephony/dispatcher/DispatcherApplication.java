package dev.telephony.dispatcher;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Executes commands from Kafka against the Vonage API and publishes their outcomes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DispatcherApplication {

	public static void main(String[] args) {
		builder().run(args);
	}

	/**
	 * The application with its own configuration file name, so that it can share a
	 * classpath with the other services in end-to-end tests without reading their
	 * settings.
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(DispatcherApplication.class).properties("spring.config.name=dispatcher");
	}

}
