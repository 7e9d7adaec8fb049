package dev.telephony.publishing;

import java.time.Instant;
import java.util.Objects;

/**
 * The CloudEvents attributes of one record that vary from record to record. The source is
 * the publishing service's and is added by {@link KafkaPublishing}.
 *
 * @param id unique per event; readers de-duplicate on it
 * @param type the versioned event type, such as {@code telephony.command.send-sms.v1}
 * @param time when the event happened
 */
public record CloudEvent(String id, String type, Instant time) {

	public CloudEvent {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(time, "time");
	}

}
