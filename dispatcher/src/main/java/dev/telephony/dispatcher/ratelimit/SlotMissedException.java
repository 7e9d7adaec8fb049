package dev.telephony.dispatcher.ratelimit;

/**
 * A provider request was not sent because it had no rate slot in time. Nothing reached
 * the provider, so the command may be tried again.
 */
public class SlotMissedException extends RuntimeException {

	public SlotMissedException(String message) {
		super(message);
	}

}
