package dev.telephony.gateway.tools;

import java.util.Locale;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.telephony.schemas.PlaceCall;

import org.springframework.stereotype.Component;

/** Validates and normalises tool arguments before anything is published. */
@Component
class ToolInputs {

	private static final Pattern ALPHANUMERIC_SENDER = Pattern.compile("[A-Za-z0-9 ]{1,11}");

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}-[A-Z]{2}");

	private static final int MAX_TALK_LENGTH = 1500;

	private static final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();

	private final InputProperties properties;

	ToolInputs(InputProperties properties) {
		this.properties = properties;
	}

	/** A destination as E.164 digits without {@code +}, the form Vonage takes. */
	String destination(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidToolInputException(
					"'" + field + "' is required: give a phone number in international format, such as +14155550123.");
		}
		PhoneNumber number = parse(field, value.strip());
		if (!phoneNumbers.isValidNumber(number)) {
			throw invalid(field, value, number);
		}
		return e164Digits(number);
	}

	private static InvalidToolInputException invalid(String field, String value, PhoneNumber number) {
		return new InvalidToolInputException("'" + field + "' is not a valid phone number: " + value.strip()
				+ " (no such number range for country code +" + number.getCountryCode() + ").");
	}

	private static String e164Digits(PhoneNumber number) {
		return phoneNumbers.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1);
	}

	private String senderNumber(String field, String value) {
		PhoneNumber number = parse(field, value);
		// Our own numbers include ranges libphonenumber does not list as valid (short
		// codes, new blocks); a possible length is enough for a sender the operator
		// configured or owns.
		if (!phoneNumbers.isPossibleNumber(number)) {
			throw invalid(field, value, number);
		}
		return e164Digits(number);
	}

	/**
	 * The sender: a phone number, an alphanumeric sender id, or the configured default.
	 */
	String sender(String field, String value) {
		if (value == null || value.isBlank()) {
			if (this.properties.defaultFrom().isBlank()) {
				throw new InvalidToolInputException("'" + field
						+ "' is empty and no default sender is configured: pass a sender number or set VONAGE_LVN.");
			}
			return sender(field, this.properties.defaultFrom());
		}
		String sender = value.strip();
		if (sender.chars().anyMatch(Character::isLetter)) {
			if (!ALPHANUMERIC_SENDER.matcher(sender).matches()) {
				throw new InvalidToolInputException(
						"'" + field + "' must be a phone number or an alphanumeric sender id"
								+ " of at most 11 letters, digits and spaces: " + sender);
			}
			return sender;
		}
		return senderNumber(field, sender);
	}

	/** SMS text: not empty, not longer than the configured limit. */
	String smsText(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidToolInputException("'" + field + "' must not be empty.");
		}
		int limit = this.properties.smsMaxLength();
		if (value.length() > limit) {
			throw new InvalidToolInputException("'" + field + "' is " + value.length()
					+ " characters long; the limit is " + limit + ". Shorten it or split it into several messages.");
		}
		return value;
	}

	/** Text for the call to speak: Vonage's talk action takes up to 1500 characters. */
	String talkText(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidToolInputException("'" + field + "' must not be empty: it is what the call says.");
		}
		if (value.length() > MAX_TALK_LENGTH) {
			throw new InvalidToolInputException("'" + field + "' is " + value.length()
					+ " characters long; a call can speak at most " + MAX_TALK_LENGTH + ".");
		}
		return value;
	}

	/** A BCP-47 language such as en-GB, or null for Vonage's default. */
	String language(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String language = value.strip();
		if (!LANGUAGE.matcher(language).matches()) {
			throw new InvalidToolInputException(
					"'" + field + "' must be a language tag such as en-GB or es-ES, not '" + language + "'.");
		}
		return language;
	}

	/** What to listen for: speech (the default), dtmf, or both. */
	PlaceCall.Input input(String field, String value) {
		String type = (value == null || value.isBlank()) ? "speech" : value.strip().toLowerCase(Locale.ROOT);
		return switch (type) {
			case "speech" -> new PlaceCall.Input(true, false, null, null, null, null, null, null, null, null);
			case "dtmf" -> new PlaceCall.Input(false, true, null, null, null, null, null, null, null, null);
			case "both" -> new PlaceCall.Input(true, true, null, null, null, null, null, null, null, null);
			default -> throw new InvalidToolInputException(
					"'" + field + "' must be speech, dtmf or both, not '" + value + "'.");
		};
	}

	/**
	 * What to do when a machine answers: {@code voicemail}, {@code hangup}, or
	 * {@code ignore} (the default, no detection).
	 */
	String answeringMachine(String field, String value) {
		String choice = (value == null || value.isBlank()) ? "ignore" : value.strip().toLowerCase(Locale.ROOT);
		return switch (choice) {
			case "ignore" -> null;
			case PlaceCall.MACHINE_HANGUP, PlaceCall.MACHINE_VOICEMAIL -> choice;
			default -> throw new InvalidToolInputException(
					"'" + field + "' must be voicemail, hangup or ignore, not '" + value + "'.");
		};
	}

	/** A call uuid or command id as returned by the call tools. */
	String callId(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidToolInputException("'" + field + "' is required: the call_uuid a call tool returned.");
		}
		return value.strip();
	}

	private PhoneNumber parse(String field, String value) {
		String region = this.properties.defaultRegion();
		String candidate = value;
		if (candidate.startsWith("00")) {
			candidate = "+" + candidate.substring(2);
		}
		else if (!candidate.startsWith("+") && region.isEmpty()) {
			// Vonage writes numbers as bare international digits (14155550123); accept
			// that form.
			candidate = "+" + candidate;
		}
		try {
			return phoneNumbers.parse(candidate, region.isEmpty() ? "ZZ" : region);
		}
		catch (NumberParseException ex) {
			throw new InvalidToolInputException("'" + field + "' is not a phone number: " + value + " ("
					+ describe(ex.getErrorType()) + "). Use international format, such as +14155550123.");
		}
	}

	private static String describe(NumberParseException.ErrorType error) {
		return switch (error) {
			case INVALID_COUNTRY_CODE -> "unknown country code";
			case NOT_A_NUMBER -> "not a number";
			case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "too short";
			case TOO_LONG -> "too long";
		};
	}

}
