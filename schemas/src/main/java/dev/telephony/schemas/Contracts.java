package dev.telephony.schemas;

import java.util.Objects;

/** Checks shared by the compact constructors of the wire records. */
final class Contracts {

	private Contracts() {
	}

	static String requireText(String value, String name) {
		Objects.requireNonNull(value, name + " is required");
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value;
	}

	static String requireE164Digits(String value, String name) {
		requireText(value, name);
		if (!value.matches("[1-9][0-9]{6,14}")) {
			throw new IllegalArgumentException(name + " must be E.164 digits without '+': " + value);
		}
		return value;
	}

}
