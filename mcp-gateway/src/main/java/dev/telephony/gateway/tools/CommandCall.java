package dev.telephony.gateway.tools;

import dev.telephony.gateway.view.Outcome;
import dev.telephony.gateway.view.Watch;
import dev.telephony.schemas.Command;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * What one tool adds to the {@link ToolFlow} for its command: how the arguments become
 * the command, how the tool speaks of it, and what it says once the dispatcher's outcome
 * is in, or is not. Refusals, outages, cancellation and interruption are the flow's.
 */
interface CommandCall<C extends Command> {

	/**
	 * The arguments, validated, as a command.
	 * @throws InvalidToolInputException when an argument cannot be used
	 */
	C command(NewCommand header);

	/** How the flow speaks of this command. */
	Words words();

	/** No outcome within the wait: the command is queued, and that is all. */
	CallToolResult queued(C command);

	/** The dispatcher did not carry the command out. */
	CallToolResult failed(C command, Outcome outcome);

	/** The dispatcher carried it out; the tool may wait on {@code watch} for more. */
	CallToolResult accepted(C command, Watch watch, Progress progress) throws InterruptedException;

	/**
	 * The call the command placed or ends, as known when the tool is done; for the audit
	 * trail.
	 */
	default String callUuid(C command) {
		return null;
	}

	/**
	 * @param notDone how a result starts when nothing was queued, such as "The SMS was
	 * not sent"
	 * @param goesOn what goes on when the tool call stops waiting early, such as "the SMS
	 * may still be sent"
	 * @param awaiting progress while the outcome is awaited, such as "sending"
	 */
	record Words(String notDone, String goesOn, String awaiting) {

	}

}
