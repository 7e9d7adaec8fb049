package dev.telephony.gateway.policy;

/**
 * A command the gateway will not publish: its destination is outside the policy, its
 * client is over a quota, or it would hang up a call the gateway does not know. The
 * message is written for the model and its user.
 */
public class CommandRefusedException extends RuntimeException {

	private final String reason;

	public CommandRefusedException(String reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	/**
	 * A bounded code: destination_denied, destination_not_allowed, number_type_denied,
	 * quota_exceeded, live_calls_exceeded, unknown_call.
	 */
	public String reason() {
		return this.reason;
	}

}
