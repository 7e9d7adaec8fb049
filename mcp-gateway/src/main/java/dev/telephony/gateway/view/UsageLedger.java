package dev.telephony.gateway.view;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Per-client command counts behind {@link Usage}; guarded by the view's lock. A quota
 * check runs on every tool call while the view's reader waits, so a client's usage costs
 * a few binary searches, not a walk over its day of commands or everyone's live calls.
 */
final class UsageLedger {

	/**
	 * A call not heard of for this long has ended, whatever its last webhook said: Vonage
	 * ends calls after two hours unless told otherwise.
	 */
	static final Duration LONGEST_CALL = Duration.ofHours(2);

	private static final Comparator<LiveCall> OLDEST_FIRST = Comparator.comparing(LiveCall::createdAt)
		.thenComparing(LiveCall::commandId);

	private final Map<String, Timeline> calls = new HashMap<>();

	private final Map<String, Timeline> messages = new HashMap<>();

	/** Who asked for each command counted, calls and messages apart, as the timelines. */
	private final Map<UUID, String> callRequesters = new HashMap<>();

	private final Map<UUID, String> messageRequesters = new HashMap<>();

	private final Map<UUID, LiveCall> live = new HashMap<>();

	private final Map<String, NavigableSet<LiveCall>> liveByClient = new HashMap<>();

	void callPlaced(UUID commandId, String requestedBy, Instant createdAt) {
		// A command read twice (a redelivery) counts once.
		if (!this.callRequesters.containsKey(commandId)) {
			this.callRequesters.put(commandId, requestedBy);
			this.calls.computeIfAbsent(requestedBy, (name) -> new Timeline()).add(createdAt, commandId);
		}
		if (!this.live.containsKey(commandId)) {
			LiveCall call = new LiveCall(requestedBy, createdAt, commandId);
			this.live.put(commandId, call);
			this.liveByClient.computeIfAbsent(requestedBy, (name) -> new TreeSet<>(OLDEST_FIRST)).add(call);
		}
	}

	void messageSent(UUID commandId, String requestedBy, Instant createdAt) {
		if (!this.messageRequesters.containsKey(commandId)) {
			this.messageRequesters.put(commandId, requestedBy);
			this.messages.computeIfAbsent(requestedBy, (name) -> new Timeline()).add(createdAt, commandId);
		}
	}

	boolean counted(String requestedBy, UUID commandId) {
		// Commands from elsewhere may name no requester.
		return (this.callRequesters.containsKey(commandId)
				&& Objects.equals(requestedBy, this.callRequesters.get(commandId)))
				|| (this.messageRequesters.containsKey(commandId)
						&& Objects.equals(requestedBy, this.messageRequesters.get(commandId)));
	}

	/** The call of this command ended, or never started. */
	void callEnded(UUID commandId) {
		LiveCall call = this.live.remove(commandId);
		if (call != null) {
			NavigableSet<LiveCall> own = this.liveByClient.get(call.requestedBy());
			own.remove(call);
			if (own.isEmpty()) {
				this.liveByClient.remove(call.requestedBy());
			}
		}
	}

	Usage usage(String requestedBy, Instant now) {
		return new Usage(window(this.calls.get(requestedBy), now), window(this.messages.get(requestedBy), now),
				liveCalls(requestedBy, now));
	}

	/**
	 * Forgets commands older than {@code horizon} and calls past the longest a call
	 * lasts; the work is in what is forgotten, plus one look per client.
	 */
	void prune(Instant now, Instant horizon) {
		forgetBefore(this.calls, this.callRequesters, horizon);
		forgetBefore(this.messages, this.messageRequesters, horizon);
		Instant longestCallStart = now.minus(LONGEST_CALL);
		this.liveByClient.values().removeIf((own) -> {
			while (!own.isEmpty() && own.first().createdAt().isBefore(longestCallStart)) {
				this.live.remove(own.pollFirst().commandId());
			}
			return own.isEmpty();
		});
	}

	private int liveCalls(String requestedBy, Instant now) {
		NavigableSet<LiveCall> own = this.liveByClient.get(requestedBy);
		if (own == null) {
			return 0;
		}
		// Calls past the longest a call lasts that prune has not dropped yet: at most
		// those that got there since it last ran, so this walk stays short.
		Instant longestCallStart = now.minus(LONGEST_CALL);
		int over = 0;
		for (LiveCall call : own) {
			if (call.createdAt().isAfter(longestCallStart)) {
				break;
			}
			over++;
		}
		return own.size() - over;
	}

	private static void forgetBefore(Map<String, Timeline> timelines, Map<UUID, String> requesters, Instant horizon) {
		timelines.values().removeIf((timeline) -> {
			timeline.forgetBefore(horizon, requesters::remove);
			return timeline.isEmpty();
		});
	}

	private static Usage.Window window(Timeline created, Instant now) {
		if (created == null) {
			return new Usage.Window(0, 0, 0);
		}
		return new Usage.Window(created.countAfter(now.minus(Duration.ofMinutes(1))),
				created.countAfter(now.minus(Duration.ofHours(1))), created.countAfter(now.minus(Duration.ofDays(1))));
	}

	private record LiveCall(String requestedBy, Instant createdAt, UUID commandId) {
	}

}
