package dev.telephony.ingest.publishing;

/**
 * The kinds of webhook ingest takes; {@link #tag()} is the metric tag value and the
 * source of the events' ids. Listed here, with the metrics, so that each kind is counted,
 * at zero, from start-up.
 */
public enum WebhookSource {

	VOICE_EVENT("voice-event"),

	VOICE_ANSWER("voice-answer"),

	SMS_INBOUND("sms-inbound"),

	SMS_DELIVERY_RECEIPT("sms-delivery-receipt"),

	MESSAGES_STATUS("messages-status"),

	MESSAGES_INBOUND("messages-inbound");

	private final String tag;

	WebhookSource(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
