package dev.telephony.schemas;

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

	private CloudEventHeaders() {
	}

}
