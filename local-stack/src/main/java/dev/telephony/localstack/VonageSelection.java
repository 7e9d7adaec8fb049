package dev.telephony.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the stack talks to the real Vonage API or to the local sandbox, decided from
 * the environment the services will inherit.
 *
 * @param sandbox {@code true} for the local sandbox
 * @param description one line for the console saying which Vonage is used and why
 * @param warnings problems the user should fix before expecting calls or SMS to work
 */
record VonageSelection(boolean sandbox, String description, List<String> warnings) {

	static VonageSelection choose(Map<String, String> env, boolean forceSandbox) {
		String applicationId = env.get("VONAGE_APPLICATION_ID");
		String privateKeyPath = env.get("VONAGE_PRIVATE_KEY_PATH");
		boolean credentials = isSet(applicationId) && isSet(privateKeyPath);
		List<String> warnings = new ArrayList<>();
		if (forceSandbox) {
			return new VonageSelection(true,
					"Vonage sandbox on http://localhost:8090 (forced by --sandbox"
							+ (credentials ? "; the VONAGE_* credentials in the environment are not used)" : ")"),
					warnings);
		}
		if (!credentials) {
			if (isSet(applicationId) != isSet(privateKeyPath)) {
				warnings.add("Only one of VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY_PATH is set; "
						+ "real Vonage needs both, so the sandbox is used.");
			}
			return new VonageSelection(true, "Vonage sandbox on http://localhost:8090 "
					+ "(VONAGE_APPLICATION_ID / VONAGE_PRIVATE_KEY_PATH not set): no real calls or SMS are placed",
					warnings);
		}
		if (!Files.isReadable(Path.of(privateKeyPath))) {
			warnings.add("VONAGE_PRIVATE_KEY_PATH points to " + privateKeyPath + ", which is not a readable file.");
		}
		if (!isSet(env.get("CALLBACK_SERVER_URL"))) {
			warnings.add("CALLBACK_SERVER_URL is not set: Vonage cannot reach webhooks on localhost, so call and SMS "
					+ "events will not arrive. Expose port 8080 through a tunnel and set CALLBACK_SERVER_URL "
					+ "to its public URL.");
		}
		if (!isSet(env.get("VONAGE_LVN"))) {
			warnings.add("VONAGE_LVN is not set: the gateway has no number to call or text from.");
		}
		return new VonageSelection(false,
				"real Vonage (application " + applicationId + "): calls and SMS reach real phones", warnings);
	}

	private static boolean isSet(String value) {
		return value != null && !value.isBlank();
	}

}
