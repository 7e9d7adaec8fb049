package dev.telephony.authserver.scopes;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The scopes the gateway's tools ask for, with the words the consent page shows for them.
 * Kept in one place so that registration, the metadata and the consent page cannot
 * disagree about which scopes exist.
 */
public enum GatewayScope {

	SMS_SEND("sms:send", "Send text messages (SMS) from your phone number and wait for the replies"),

	CALLS_PLACE("calls:place", "Place phone calls from your phone number and talk on them"),

	STATUS_READ("status:read", "See the status of your calls and messages");

	private final String value;

	private final String description;

	GatewayScope(String value, String description) {
		this.value = value;
		this.description = description;
	}

	/** The scope as it appears in OAuth requests and tokens. */
	public String value() {
		return this.value;
	}

	/** Plain-English wording for people deciding whether to approve it. */
	public String description() {
		return this.description;
	}

	public static Optional<GatewayScope> of(String value) {
		return Arrays.stream(values()).filter((scope) -> scope.value.equals(value)).findFirst();
	}

	/** Every scope's value, in declaration order. */
	public static Set<String> allValues() {
		Set<String> all = new LinkedHashSet<>();
		for (GatewayScope scope : values()) {
			all.add(scope.value);
		}
		return all;
	}

}
