package dev.telephony.gateway.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import org.springframework.stereotype.Component;

/**
 * Decides whether a client may reach a destination. Deny wins over allow; number types
 * are judged by libphonenumber's metadata, which knows most national premium-rate and
 * special-service ranges but not every one, so a deny-list prefix is the backstop.
 */
@Component
class DestinationPolicy {

	/** The reasons {@link #check} refuses with, for the refusal counters. */
	static final List<String> REFUSALS = List.of("destination_denied", "number_type_denied", "destination_not_allowed");

	private static final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();

	private final PolicyProperties properties;

	DestinationPolicy(PolicyProperties properties) {
		this.properties = properties;
	}

	/**
	 * @param destination E.164 digits without {@code +}, already validated
	 * @throws CommandRefusedException when the destination is refused
	 */
	void check(String client, String destination) {
		PolicyProperties.Rules rules = this.properties.rulesFor(client);
		PhoneNumber number = parse(destination);
		String region = phoneNumbers.getRegionCodeForNumber(number);
		String shown = "+" + destination;
		Optional<String> denied = firstMatch(rules.deny(), destination, region);
		if (denied.isPresent()) {
			throw new CommandRefusedException("destination_denied", shown + " is refused by this gateway's policy"
					+ " (deny-list entry " + denied.get() + "). Nothing was sent.");
		}
		PhoneNumberType type = phoneNumbers.getNumberType(number);
		if (rules.deniedTypes().contains(type)) {
			throw new CommandRefusedException("number_type_denied",
					shown + " is a " + describe(type) + " number, which this gateway does not call or message"
							+ " (policy denies " + type + "). Nothing was sent.");
		}
		if (!rules.allow().isEmpty() && firstMatch(rules.allow(), destination, region).isEmpty()) {
			throw new CommandRefusedException("destination_not_allowed",
					shown + ((region != null) ? " (" + region + ")" : "")
							+ " is outside the destinations this client may reach: " + String.join(", ", rules.allow())
							+ ". Nothing was sent.");
		}
	}

	private static Optional<String> firstMatch(List<String> entries, String destination, String region) {
		return entries.stream()
			.filter((entry) -> entry.startsWith("+") ? destination.startsWith(entry.substring(1))
					: entry.equals(region))
			.findFirst();
	}

	private static PhoneNumber parse(String destination) {
		try {
			return phoneNumbers.parse("+" + destination, "ZZ");
		}
		catch (NumberParseException ex) {
			throw new IllegalArgumentException("destinations are validated before the policy sees them", ex);
		}
	}

	private static String describe(PhoneNumberType type) {
		return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
