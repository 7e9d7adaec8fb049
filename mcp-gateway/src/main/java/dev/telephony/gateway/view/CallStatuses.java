package dev.telephony.gateway.view;

import java.util.Map;
import java.util.Set;

/**
 * The order of Vonage call statuses. Webhooks arrive out of order ({@code ringing} after
 * {@code answered}), so the current status is the furthest one reached, and a terminal
 * status is never left.
 */
final class CallStatuses {

	static final Set<String> TERMINAL = Set.of("completed", "busy", "cancelled", "unanswered", "timeout", "rejected",
			"failed");

	private static final Map<String, Integer> PROGRESS = Map.of("started", 1, "ringing", 2, "answered", 3, "human", 4,
			"machine", 4);

	private CallStatuses() {
	}

	static boolean isTerminal(String status) {
		return TERMINAL.contains(status);
	}

	/** Whether a call in {@code current} may move to {@code next}. */
	static boolean advances(String current, String next) {
		if (current == null) {
			return true;
		}
		if (isTerminal(current)) {
			return false;
		}
		return isTerminal(next) || rank(next) > rank(current);
	}

	private static int rank(String status) {
		return PROGRESS.getOrDefault(status, 0);
	}

}
