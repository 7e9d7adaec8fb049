package dev.telephony.testsupport;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Vonage sandbox in this JVM on a random port, trusting one application's key.
 * The caller passes the sandbox's own builder, so that this artifact needs none of the
 * sandbox's code.
 */
public final class SandboxStart {

	private SandboxStart() {
	}

	/**
	 * @param sandbox {@code VonageSandboxApplication.builder()}
	 * @param settings further command-line arguments, such as
	 * {@code --sandbox.time-scale=0.05}
	 */
	public static ConfigurableApplicationContext run(SpringApplicationBuilder sandbox, String applicationId,
			ApplicationKeys keys, String... settings) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--sandbox.application-id=" + applicationId,
				"--sandbox.public-key=" + keys.publicKeyPem()));
		arguments.addAll(List.of(settings));
		return sandbox.run(arguments.toArray(String[]::new));
	}

	public static int port(ConfigurableApplicationContext sandbox) {
		return Integer.parseInt(sandbox.getEnvironment().getRequiredProperty("local.server.port"));
	}

	public static String baseUrl(ConfigurableApplicationContext sandbox) {
		return "http://127.0.0.1:" + port(sandbox);
	}

}
