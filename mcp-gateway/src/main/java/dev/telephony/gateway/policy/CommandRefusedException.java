package dev.telephony.gateway.policy;

/**
 * A command the gateway will not publish: its destination is outside the policy or its
 * client is over a quota. The message is written for the model and its user.
 */
public class CommandRefusedException extends RuntimeException {

	private final String reason;

	CommandRefusedException(String reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	/**
	 * A bounded code: destination_denied, destination_not_allowed, number_type_denied,
	 * quota_exceeded, live_calls_exceeded.
	 */
	public String reason() {
		return this.reason;
	}

}
