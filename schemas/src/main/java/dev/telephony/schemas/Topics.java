package dev.telephony.schemas;

/**
 * Kafka topic names. Names describe the data and carry a major version; they are never
 * renamed, a breaking change gets a new topic.
 */
public final class Topics {

	/**
	 * {@link Command}s from the gateway to the dispatcher, keyed by destination number.
	 */
	public static final String COMMANDS = "telephony.commands.v1";

	/**
	 * {@link Event}s from the dispatcher and webhook ingest, keyed by
	 * {@link Event#recordKey()}.
	 */
	public static final String EVENTS = "telephony.events.v1";

	/** {@link DispatchRecord}s, compacted, keyed by command id. */
	public static final String DISPATCH_LOG = "telephony.dispatch-log.v1";

	/**
	 * {@link RateSlotClaim}s: the dispatchers' shared schedule of the account's rate
	 * limits. One partition, so that every dispatcher reads the claims in the same order,
	 * with the broker's append time; kept an hour.
	 */
	public static final String RATE_SLOTS = "telephony.rate-slots.v1";

	/**
	 * Commands the dispatcher could not read or handle, with Spring Kafka's
	 * {@code kafka_dlt-*} headers.
	 */
	public static final String COMMANDS_DEAD_LETTER = COMMANDS + "-dlt";

	/**
	 * {@link AuditRecord}s: every MCP tool call, keyed by client name. Retained for
	 * compliance, not for replay.
	 */
	public static final String AUDIT = "telephony.audit.v1";

	private Topics() {
	}

}
