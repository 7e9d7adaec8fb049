package dev.telephony.schemas;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A message moved to a new status: submitted, delivered, rejected, undeliverable or read.
 */
@JsonTypeName(MessageStatusChanged.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageStatusChanged(@JsonProperty("eventId") String eventId, @JsonProperty("commandId") UUID commandId,
		@JsonProperty("occurredAt") Instant occurredAt, @JsonProperty("receivedAt") Instant receivedAt,
		@JsonProperty("messageUuid") String messageUuid, @JsonProperty("channel") String channel,
		@JsonProperty("status") String status, @JsonProperty("to") String to, @JsonProperty("from") String from,
		@JsonProperty("errorCode") String errorCode, @JsonProperty("errorDetail") String errorDetail,
		@JsonFormat(shape = JsonFormat.Shape.STRING) @JsonProperty("price") BigDecimal price,
		@JsonProperty("currency") String currency) implements Event {

	public static final String TYPE = "message-status-changed";

	public MessageStatusChanged {
		Events.requireCommon(eventId, occurredAt, receivedAt);
		Contracts.requireText(messageUuid, "messageUuid");
		Contracts.requireText(status, "status");
	}

}
