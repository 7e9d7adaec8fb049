package dev.telephony.ingest.publishing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * Lenient readers of webhook fields. Vonage sends numbers as strings in some payloads and
 * as numbers in others, so each reader accepts both and answers null for what it cannot
 * read: one odd field never costs the whole event.
 */
public final class Fields {

	private static final DateTimeFormatter SMS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private Fields() {
	}

	/** A scalar field as text; null when absent, null, blank or a container. */
	public static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		if (value.isMissingNode() || value.isNull() || value.isContainer()) {
			return null;
		}
		String text = value.asString();
		return text.isBlank() ? null : text;
	}

	/**
	 * A phone number given as a string, or as an object with {@code number} or {@code id}
	 * on some channels.
	 */
	public static String address(JsonNode body, String field) {
		JsonNode node = body.path(field);
		if (node.isObject()) {
			String number = text(node, "number");
			return (number != null) ? number : text(node, "id");
		}
		return text(body, field);
	}

	/** ISO-8601 or Vonage's {@code YYYY-MM-DD HH:MM:SS} (UTC); null when neither. */
	public static Instant instant(String timestamp) {
		if (timestamp == null) {
			return null;
		}
		try {
			return Instant.parse(timestamp);
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(timestamp, SMS_TIME).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException notEither) {
				return null;
			}
		}
	}

	public static Instant instant(String timestamp, Instant fallback) {
		Instant instant = instant(timestamp);
		return (instant != null) ? instant : fallback;
	}

	public static BigDecimal decimal(String amount) {
		if (amount == null) {
			return null;
		}
		try {
			return new BigDecimal(amount.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** An integer, also from a string or a whole decimal such as {@code "21.0"}. */
	public static Integer integer(String value) {
		BigDecimal number = decimal(value);
		if (number == null) {
			return null;
		}
		try {
			return number.intValueExact();
		}
		catch (ArithmeticException ex) {
			return null;
		}
	}

	public static Double number(JsonNode value) {
		if (value.isNumber()) {
			return value.asDouble();
		}
		BigDecimal number = value.isString() ? decimal(value.asString()) : null;
		return (number != null) ? number.doubleValue() : null;
	}

	public static Boolean bool(JsonNode node, String field) {
		JsonNode value = node.path(field);
		if (value.isBoolean()) {
			return value.asBoolean();
		}
		String text = text(node, field);
		return (text != null) ? Boolean.valueOf(text.equalsIgnoreCase("true")) : null;
	}

	/** A UUID, or null for anything else: a reference set by someone else's code. */
	public static UUID uuid(String value) {
		if (value == null) {
			return null;
		}
		try {
			return UUID.fromString(value.trim());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
