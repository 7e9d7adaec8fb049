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
 * Money is written as a decimal string, exact as the provider sent it.
 * <p>
 * A call moved to a new status, from the Voice API event webhook.
 */
@JsonTypeName(CallStatusChanged.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallStatusChanged(@JsonProperty("eventId") String eventId, @JsonProperty("commandId") UUID commandId,
		@JsonProperty("occurredAt") Instant occurredAt, @JsonProperty("receivedAt") Instant receivedAt,
		@JsonProperty("callUuid") String callUuid, @JsonProperty("conversationUuid") String conversationUuid,
		@JsonProperty("status") String status, @JsonProperty("detail") String detail,
		@JsonProperty("sipCode") Integer sipCode, @JsonProperty("direction") String direction,
		@JsonProperty("from") String from, @JsonProperty("to") String to,
		@JsonProperty("durationSeconds") Integer durationSeconds,
		@JsonFormat(shape = JsonFormat.Shape.STRING) @JsonProperty("rate") BigDecimal rate,
		@JsonFormat(shape = JsonFormat.Shape.STRING) @JsonProperty("price") BigDecimal price,
		@JsonProperty("network") String network, @JsonProperty("startTime") Instant startTime,
		@JsonProperty("endTime") Instant endTime,
		@JsonProperty("disconnectedBy") String disconnectedBy) implements Event {

	public static final String TYPE = "call-status-changed";

	public CallStatusChanged {
		Events.requireCommon(eventId, occurredAt, receivedAt);
		Contracts.requireText(callUuid, "callUuid");
		Contracts.requireText(status, "status");
	}

}
