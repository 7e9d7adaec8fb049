package dev.telephony.gateway.commands;

/**
 * Kafka did not acknowledge the command. Either it was never sent, or the producer still
 * had it when the wait ended and it may yet arrive, and be executed, late.
 */
public class CommandNotQueuedException extends RuntimeException {

	private final boolean mayHaveBeenQueued;

	public CommandNotQueuedException(String message, Throwable cause, boolean mayHaveBeenQueued) {
		super(message, cause);
		this.mayHaveBeenQueued = mayHaveBeenQueued;
	}

	/** False only when the command certainly never reached Kafka. */
	public boolean mayHaveBeenQueued() {
		return this.mayHaveBeenQueued;
	}

}
