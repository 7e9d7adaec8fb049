package dev.telephony.sandbox;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A local stand-in for the Vonage APIs, faithful enough for the real Vonage Java SDK.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VonageSandboxApplication {

	public static void main(String[] args) {
		builder().run(args);
	}

	/**
	 * Several apps share one classpath in end-to-end tests, so each reads its own config
	 * file name instead of {@code application.properties}.
	 * @return a builder for this application
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(VonageSandboxApplication.class)
			.properties("spring.config.name=vonage-sandbox");
	}

}
