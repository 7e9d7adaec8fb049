package dev.telephony.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Deterministic event ids. Vonage webhooks carry no event id and may be redelivered, so
 * the id is a name-based UUID of the payload's natural keys: the same webhook always gets
 * the same id.
 */
public final class EventIds {

	private EventIds() {
	}

	/**
	 * A name-based UUID of {@code kind} and {@code naturalKeys}; nulls count as empty.
	 */
	public static String of(String kind, Object... naturalKeys) {
		StringBuilder name = new StringBuilder(Objects.requireNonNull(kind, "kind"));
		for (Object key : naturalKeys) {
			// The unit separator cannot occur in the keys, so ("a|b", "c") and ("a",
			// "b|c") differ.
			name.append('\u001f').append((key != null) ? key : "");
		}
		return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
	}

}
