package dev.telephony.dispatcher.vonage;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Instant;

import com.vonage.client.VonageApiResponseException;
import com.vonage.client.VonageMethodFailedException;
import com.vonage.client.VonageResponseParseException;
import dev.telephony.dispatcher.ratelimit.SlotMissedException;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.CommandFailed;
import dev.telephony.schemas.CommandOutcomeUnknown;
import dev.telephony.schemas.EventIds;
import org.apache.http.conn.ConnectTimeoutException;

/**
 * What a failed provider request means for its command, the same for every API: a refusal
 * fails the command, a failure before anything was sent fails it too, and anything after
 * the request may have reached Vonage leaves the outcome unknown, never retried blindly.
 */
final class ProviderFailures {

	private ProviderFailures() {
	}

	static String eventId(Command command) {
		return EventIds.of("command-outcome", command.commandId());
	}

	static ProviderOutcome of(Command command, RuntimeException failure, Instant now, String what) {
		String eventId = eventId(command);
		return switch (failure) {
			case SlotMissedException missed -> new ProviderOutcome("slot_missed",
					new CommandFailed(eventId, command.commandId(), now, now, "rate_slot_missed",
							"No rate-limit slot was free in time; the request was not sent: " + missed.getMessage(), 0,
							true),
					true);
			case VonageApiResponseException refused -> new ProviderOutcome(statusClass(refused.getStatusCode()),
					new CommandFailed(eventId, command.commandId(), now, now, reasonCode(refused.getStatusCode()),
							refused.getMessage(), 1, retryable(refused.getStatusCode())),
					retryable(refused.getStatusCode()));
			case VonageMethodFailedException io when neverSent(io) ->
				new ProviderOutcome("unreachable", new CommandFailed(eventId, command.commandId(), now, now,
						"provider_unreachable", "Vonage could not be reached: " + io.getMessage(), 1, true), true);
			case VonageMethodFailedException io ->
				unknown(command, now, "The request to Vonage failed after it was sent (" + io.getMessage() + "); the "
						+ what + " may or may not exist.");
			case VonageResponseParseException garbled ->
				unknown(command, now, "Vonage answered with something that is not its API's response ("
						+ garbled.getMessage() + "); the " + what + " may or may not exist.");
			case IllegalArgumentException invalid ->
				new ProviderOutcome("invalid", new CommandFailed(eventId, command.commandId(), now, now,
						"invalid_request", "Vonage would reject this request: " + invalid.getMessage(), 0, false));
			default -> throw failure;
		};
	}

	private static ProviderOutcome unknown(Command command, Instant now, String detail) {
		return new ProviderOutcome("unknown",
				new CommandOutcomeUnknown(eventId(command), command.commandId(), now, now, detail));
	}

	/**
	 * Failures before any byte reached Vonage: safe to call failed rather than unknown.
	 */
	private static boolean neverSent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException || cause instanceof ConnectTimeoutException) {
				return true;
			}
		}
		return false;
	}

	/** 429 and 5xx: Vonage did not act on the request, so it may be sent again. */
	private static boolean retryable(int status) {
		return status == 429 || status >= 500;
	}

	static String reasonCode(int status) {
		return switch (status) {
			case 400, 422 -> "provider_rejected";
			case 401, 403 -> "provider_auth_failed";
			case 402 -> "provider_payment_required";
			case 404 -> "provider_not_found";
			case 429 -> "provider_rate_limited";
			default -> (status >= 500) ? "provider_error" : "provider_rejected";
		};
	}

	private static String statusClass(int status) {
		return (status == 429) ? "rate_limited" : (status >= 500) ? "server_error" : "client_error";
	}

}
