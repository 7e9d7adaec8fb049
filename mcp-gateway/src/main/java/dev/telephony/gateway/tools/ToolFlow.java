package dev.telephony.gateway.tools;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.telephony.gateway.auth.Caller;
import dev.telephony.gateway.commands.CommandIds;
import dev.telephony.gateway.commands.CommandNotQueuedException;
import dev.telephony.gateway.commands.CommandPublisher;
import dev.telephony.gateway.correlation.EventStream;
import dev.telephony.gateway.mcp.Cancellations;
import dev.telephony.gateway.policy.CommandGuard;
import dev.telephony.gateway.policy.CommandRefusedException;
import dev.telephony.gateway.view.Outcome;
import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.Watch;
import dev.telephony.gateway.view.WatchRegistry;
import dev.telephony.schemas.Command;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;
import org.springframework.stereotype.Component;

/**
 * The one path of every tool call: validate → admit → watch → publish → wait → describe,
 * timed and audited by {@link ToolCalls}. Refusals, Kafka outages, cancellation and
 * interruption become results here, and only here, so that every tool answers them alike;
 * a tool brings its command and its words ({@link CommandCall}).
 */
@Component
class ToolFlow {

	private final EventStream events;

	private final CommandGuard guard;

	private final CommandPublisher publisher;

	private final WatchRegistry watches;

	private final Cancellations cancellations;

	private final TelephonyView view;

	private final Deadlines deadlines;

	private final ToolCalls calls;

	ToolFlow(EventStream events, CommandGuard guard, CommandPublisher publisher, WatchRegistry watches,
			Cancellations cancellations, TelephonyView view, Deadlines deadlines, ToolCalls calls) {
		this.events = events;
		this.guard = guard;
		this.publisher = publisher;
		this.watches = watches;
		this.cancellations = cancellations;
		this.view = view;
		this.deadlines = deadlines;
		this.calls = calls;
	}

	/**
	 * A tool call that sends one command.
	 * @param destination the number as the client gave it, audited if it cannot be read
	 * @param text the message or prompt, audited only when configured
	 */
	<C extends Command> CallToolResult send(String tool, McpSyncRequestContext context, String destination, String text,
			CommandCall<C> call) {
		return this.calls.run(tool, context, text, () -> command(context, destination, call));
	}

	/**
	 * A tool call that answers from the view, and on the way may send a command
	 * ({@link #command}) or follow one ({@link #follow}).
	 */
	CallToolResult answer(String tool, McpSyncRequestContext context, Supplier<ToolAnswer> answer) {
		return this.calls.run(tool, context, null, answer);
	}

	/**
	 * Validate, admit, watch, publish, wait for the outcome, describe. The watch is on
	 * before the command is published, so no change can slip past.
	 */
	<C extends Command> ToolAnswer command(McpSyncRequestContext context, String destination, CommandCall<C> call) {
		C command;
		try {
			Instant now = Instant.now();
			command = call
				.command(new NewCommand(CommandIds.next(), now, this.deadlines.deadline(now), Caller.name(context)));
		}
		catch (InvalidToolInputException ex) {
			return new ToolAnswer(ToolResults.invalid(ex.getMessage()), new AuditDetails(destination, null, null));
		}
		boolean admitted = false;
		try {
			if (!this.events.isReady()) {
				throw new GatewayNotReadyException();
			}
			Runnable release = this.guard.admit(command);
			admitted = true;
			try (Watch watch = watch(command.commandId(), context)) {
				Optional<CommandNotQueuedException> unacknowledged = publish(command, release);
				return new ToolAnswer(await(command, call, watch, Progress.of(context), unacknowledged, release),
						audited(command, call, true));
			}
		}
		catch (CommandRefusedException | GatewayNotReadyException | CommandNotQueuedException | ToolCancelledException
				| InterruptedException ex) {
			return new ToolAnswer(failure(ex, call.words().notDone(), call.words().goesOn(),
					(status) -> CallResults.facts(command, status)), audited(command, call, admitted));
		}
	}

	/**
	 * Waits on a command without sending one, as check_call_status does; a client's
	 * cancellation or an interruption ends it as it ends every other wait.
	 * @param goesOn what goes on meanwhile, such as "the call goes on"
	 */
	CallToolResult follow(UUID commandId, McpSyncRequestContext context, String goesOn, Follow follow) {
		try (Watch watch = watch(commandId, context)) {
			return follow.until(watch, Progress.of(context));
		}
		catch (ToolCancelledException | InterruptedException ex) {
			return failure(ex, null, goesOn, (status) -> {
				Map<String, Object> facts = new LinkedHashMap<>();
				facts.put("status", status);
				facts.put("command_id", commandId.toString());
				return facts;
			});
		}
	}

	/** A wait on a watched command, ending in the tool's result. */
	interface Follow {

		CallToolResult until(Watch watch, Progress progress) throws InterruptedException;

	}

	private Watch watch(UUID commandId, McpSyncRequestContext context) {
		Watch watch = this.watches.watch(commandId);
		watch.onClose(this.cancellations.track(context, watch::cancel));
		return watch;
	}

	/**
	 * Publishes, and gives the quota back when Kafka certainly does not have the command.
	 * @return empty once Kafka acknowledged the command; or the failure of a write the
	 * broker may still have taken, when its acknowledgement did not come in time
	 */
	private Optional<CommandNotQueuedException> publish(Command command, Runnable release) {
		try {
			this.publisher.publish(command);
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			// A broker too busy to answer in time has usually written the record all the
			// same. A dispatcher then carries it out or expires it, and says so; that
			// outcome is the answer. An interrupted call has no wait left in it.
			if (ex instanceof CommandNotQueuedException unacknowledged && unacknowledged.mayHaveBeenQueued()
					&& !Thread.currentThread().isInterrupted()) {
				return Optional.of(unacknowledged);
			}
			// Not published: it must not count against its client.
			release.run();
			throw ex;
		}
	}

	/**
	 * Waits for the dispatcher's outcome. Without one, a command Kafka acknowledged is
	 * queued still; one it did not is unconfirmed, and no longer counts against its
	 * client.
	 */
	private <C extends Command> CallToolResult await(C command, CommandCall<C> call, Watch watch, Progress progress,
			Optional<CommandNotQueuedException> unacknowledged, Runnable release) throws InterruptedException {
		Optional<Outcome> outcome = Waiting.until(watch, this.deadlines.outcomeWait(command),
				() -> this.view.outcome(command.commandId()), Optional::isPresent, (ignored) -> call.words().awaiting(),
				progress);
		if (outcome.isEmpty()) {
			if (unacknowledged.isPresent()) {
				release.run();
				throw unacknowledged.get();
			}
			return call.queued(command);
		}
		if (!outcome.get().accepted()) {
			return call.failed(command, outcome.get());
		}
		return call.accepted(command, watch, progress);
	}

	/** A command never admitted is audited without its id: it never went near Kafka. */
	private static <C extends Command> AuditDetails audited(C command, CommandCall<C> call, boolean admitted) {
		return new AuditDetails(command.to(), admitted ? command.commandId() : null,
				admitted ? call.callUuid(command) : null);
	}

	/**
	 * Every way a tool call fails once its arguments are good, as the client reads it.
	 * @param notDone how the result starts when nothing was queued
	 * @param facts the structured content, given its status
	 */
	private static CallToolResult failure(Exception failure, String notDone, String goesOn,
			Function<String, Map<String, Object>> facts) {
		return switch (failure) {
			case CommandRefusedException refused -> ToolResults.refused(refused);
			case GatewayNotReadyException notReady -> ToolResults.error(
					notDone + ": " + notReady.getMessage() + ". Nothing was queued; try again in a moment.",
					facts.apply("not_queued"));
			case CommandNotQueuedException unconfirmed when unconfirmed.mayHaveBeenQueued() -> {
				// Saying "not done, try again" here could make the model call someone
				// twice.
				Map<String, Object> known = facts.apply("unconfirmed");
				yield ToolResults.error("Not confirmed: " + unconfirmed.getMessage()
						+ ", so it may still go ahead. Before trying again, look it up with check_call_status"
						+ " (call_uuid " + known.get("command_id") + "), so that it is not done twice.", known);
			}
			case CommandNotQueuedException notQueued -> ToolResults.error(notDone + ": the gateway could not queue it ("
					+ notQueued.getMessage() + "). It is safe to try again in a moment.", facts.apply("not_queued"));
			case ToolCancelledException cancelled ->
				ToolResults.error("Cancelled by the client; the command itself goes on.");
			case InterruptedException interrupted -> {
				Thread.currentThread().interrupt();
				yield ToolResults.error("The request was cancelled while waiting; " + goesOn + ".",
						facts.apply("cancelled"));
			}
			default -> throw new IllegalStateException("not a tool failure", failure);
		};
	}

}
