package dev.telephony.sandbox.voice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Builds Voice webhook bodies with Vonage's field names. Maps keep the field order Vonage
 * uses, which also fixes the order of GET query parameters.
 */
final class VoiceEvents {

	static final String RATE = "0.01400000";

	static final String NETWORK = "310260";

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private VoiceEvents() {
	}

	static Map<String, Object> status(Call call, String status, Instant now) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("from", call.spec().from());
		event.put("to", call.spec().to());
		event.put("uuid", call.uuid());
		event.put("conversation_uuid", call.conversationUuid());
		event.put("status", status);
		event.put("direction", "outbound");
		event.put("timestamp", TIME.format(now));
		return event;
	}

	static Map<String, Object> answered(Call call, Instant startTime) {
		Map<String, Object> event = status(call, "answered", startTime);
		event.put("start_time", TIME.format(startTime));
		event.put("rate", RATE);
		event.put("network", NETWORK);
		return event;
	}

	static Map<String, Object> failure(Call call, String status, @Nullable String detail, @Nullable Integer sipCode,
			Instant now) {
		Map<String, Object> event = status(call, status, now);
		if (detail != null) {
			event.put("detail", detail);
		}
		if (sipCode != null) {
			event.put("sip_code", sipCode);
		}
		return event;
	}

	// Machine-detection results name the call call_uuid and carry no direction, as in
	// Vonage's older webhook reference.
	static Map<String, Object> machineDetection(Call call, String status, @Nullable String subState, Instant now) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("call_uuid", call.uuid());
		event.put("conversation_uuid", call.conversationUuid());
		event.put("status", status);
		if (subState != null) {
			event.put("sub_state", subState);
		}
		event.put("from", call.spec().from());
		event.put("to", call.spec().to());
		event.put("timestamp", TIME.format(now));
		return event;
	}

	static Map<String, Object> completed(Call call, Instant startTime, Instant endTime, int duration,
			String disconnectedBy) {
		Map<String, Object> event = status(call, "completed", endTime);
		event.put("start_time", TIME.format(startTime));
		event.put("end_time", TIME.format(endTime));
		event.put("duration", Integer.toString(duration));
		event.put("rate", RATE);
		event.put("price", price(duration));
		event.put("network", NETWORK);
		event.put("disconnected_by", disconnectedBy);
		event.put("sip_code", 200);
		return event;
	}

	static String price(int seconds) {
		return new BigDecimal(RATE).multiply(BigDecimal.valueOf(seconds))
			.divide(BigDecimal.valueOf(60), 8, RoundingMode.HALF_UP)
			.toPlainString();
	}

	static Map<String, Object> input(Call call, Instant now, @Nullable String digits, boolean dtmfTimedOut,
			@Nullable SpeechResult speech, @Nullable String speechTimeoutReason) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("from", call.spec().from());
		event.put("to", call.spec().to());
		event.put("uuid", call.uuid());
		event.put("conversation_uuid", call.conversationUuid());
		event.put("timestamp", TIME.format(now));
		Map<String, Object> dtmf = new LinkedHashMap<>();
		dtmf.put("digits", digits);
		dtmf.put("timed_out", dtmfTimedOut);
		event.put("dtmf", dtmf);
		Map<String, Object> speechResults = new LinkedHashMap<>();
		if (speechTimeoutReason != null) {
			speechResults.put("timeout_reason", speechTimeoutReason);
		}
		speechResults.put("results", (speech != null)
				? List.of(Map.of("text", speech.text(), "confidence", speech.confidence())) : List.of());
		event.put("speech", speechResults);
		return event;
	}

	static Map<String, Object> answerRequest(Call call) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("to", call.spec().to());
		request.put("from", call.spec().from());
		request.put("uuid", call.uuid());
		request.put("conversation_uuid", call.conversationUuid());
		return request;
	}

	record SpeechResult(String text, double confidence) {
	}

}
