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
 * A call moved to a new status, from the Voice API event webhook. {@code subState} is
 * what machine detection adds to a {@code machine} status: {@code beep_start} when the
 * beep was heard, {@code beep_timeout} when none came in time.
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
		@JsonProperty("endTime") Instant endTime, @JsonProperty("disconnectedBy") String disconnectedBy,
		@JsonProperty("subState") String subState) implements Event {

	public static final String TYPE = "call-status-changed";

	public CallStatusChanged {
		Events.requireCommon(eventId, occurredAt, receivedAt);
		Contracts.requireText(callUuid, "callUuid");
		Contracts.requireText(status, "status");
	}

	/** A status without a machine-detection sub-state. */
	public CallStatusChanged(String eventId, UUID commandId, Instant occurredAt, Instant receivedAt, String callUuid,
			String conversationUuid, String status, String detail, Integer sipCode, String direction, String from,
			String to, Integer durationSeconds, BigDecimal rate, BigDecimal price, String network, Instant startTime,
			Instant endTime, String disconnectedBy) {
		this(eventId, commandId, occurredAt, receivedAt, callUuid, conversationUuid, status, detail, sipCode, direction,
				from, to, durationSeconds, rate, price, network, startTime, endTime, disconnectedBy, null);
	}

}
