package dev.telephony.schemas;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A provider webhook of a shape we do not model, kept whole so that nothing is dropped.
 */
@JsonTypeName(ProviderEventUnclassified.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderEventUnclassified(@JsonProperty("eventId") String eventId,
		@JsonProperty("commandId") UUID commandId, @JsonProperty("occurredAt") Instant occurredAt,
		@JsonProperty("receivedAt") Instant receivedAt, @JsonProperty("source") String source,
		@JsonProperty("rawPayload") String rawPayload) implements Event {

	public static final String TYPE = "provider-event-unclassified";

	public ProviderEventUnclassified {
		Events.requireCommon(eventId, occurredAt, receivedAt);
		Contracts.requireText(source, "source");
		Objects.requireNonNull(rawPayload, "rawPayload is required");
	}

}
