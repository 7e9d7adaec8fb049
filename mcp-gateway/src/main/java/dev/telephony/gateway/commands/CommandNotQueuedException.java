package dev.telephony.gateway.commands;

/**
 * Kafka did not take the command; the dispatcher will not see it unless it arrives late.
 */
public class CommandNotQueuedException extends RuntimeException {

	public CommandNotQueuedException(String message, Throwable cause) {
		super(message, cause);
	}

}
