package dev.telephony.schemas;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Record header names of the CloudEvents Kafka protocol binding (binary mode): the value
 * is the payload and these headers carry its attributes.
 */
public final class CloudEventHeaders {

	public static final String ID = "ce_id";

	public static final String TYPE = "ce_type";

	public static final String SOURCE = "ce_source";

	public static final String TIME = "ce_time";

	public static final String SPEC_VERSION = "ce_specversion";

	public static final String CONTENT_TYPE = "content-type";

	public static final String SPEC_VERSION_1_0 = "1.0";

	public static final String APPLICATION_JSON = "application/json";

	/**
	 * The attributes of one record, in header order; the caller adds them as UTF-8
	 * headers. Kept here so every producer writes the same set.
	 */
	public static Map<String, String> attributes(String id, String type, String source, Instant time) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(SPEC_VERSION, SPEC_VERSION_1_0);
		headers.put(ID, id);
		headers.put(TYPE, type);
		headers.put(SOURCE, source);
		headers.put(TIME, time.toString());
		headers.put(CONTENT_TYPE, APPLICATION_JSON);
		return headers;
	}

	private CloudEventHeaders() {
	}

}
