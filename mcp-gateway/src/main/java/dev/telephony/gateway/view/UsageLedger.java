package dev.telephony.gateway.view;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Per-client command counts behind {@link Usage}; guarded by the view's lock. */
final class UsageLedger {

	/**
	 * A call not heard of for this long has ended, whatever its last webhook said: Vonage
	 * ends calls after two hours unless told otherwise.
	 */
	static final Duration LONGEST_CALL = Duration.ofHours(2);

	private final Map<String, Map<UUID, Instant>> calls = new HashMap<>();

	private final Map<String, Map<UUID, Instant>> messages = new HashMap<>();

	private final Map<UUID, LiveCall> live = new HashMap<>();

	void callPlaced(UUID commandId, String requestedBy, Instant createdAt) {
		this.calls.computeIfAbsent(requestedBy, (name) -> new LinkedHashMap<>()).putIfAbsent(commandId, createdAt);
		this.live.putIfAbsent(commandId, new LiveCall(requestedBy, createdAt));
	}

	void messageSent(UUID commandId, String requestedBy, Instant createdAt) {
		this.messages.computeIfAbsent(requestedBy, (name) -> new LinkedHashMap<>()).putIfAbsent(commandId, createdAt);
	}

	boolean counted(String requestedBy, UUID commandId) {
		return this.calls.getOrDefault(requestedBy, Map.of()).containsKey(commandId)
				|| this.messages.getOrDefault(requestedBy, Map.of()).containsKey(commandId);
	}

	/** The call of this command ended, or never started. */
	void callEnded(UUID commandId) {
		this.live.remove(commandId);
	}

	Usage usage(String requestedBy, Instant now) {
		Instant longestCallStart = now.minus(LONGEST_CALL);
		int liveCalls = (int) this.live.values()
			.stream()
			.filter((call) -> call.requestedBy().equals(requestedBy) && call.createdAt().isAfter(longestCallStart))
			.count();
		return new Usage(window(this.calls.get(requestedBy), now), window(this.messages.get(requestedBy), now),
				liveCalls);
	}

	void prune(Instant now, Instant horizon) {
		this.calls.values().forEach((byCommand) -> byCommand.values().removeIf((at) -> at.isBefore(horizon)));
		this.calls.values().removeIf(Map::isEmpty);
		this.messages.values().forEach((byCommand) -> byCommand.values().removeIf((at) -> at.isBefore(horizon)));
		this.messages.values().removeIf(Map::isEmpty);
		Instant longestCallStart = now.minus(LONGEST_CALL);
		this.live.values().removeIf((call) -> call.createdAt().isBefore(longestCallStart));
	}

	private static Usage.Window window(Map<UUID, Instant> created, Instant now) {
		if (created == null) {
			return new Usage.Window(0, 0, 0);
		}
		Instant minuteAgo = now.minus(Duration.ofMinutes(1));
		Instant hourAgo = now.minus(Duration.ofHours(1));
		Instant dayAgo = now.minus(Duration.ofDays(1));
		int minute = 0;
		int hour = 0;
		int day = 0;
		for (Instant at : created.values()) {
			if (at.isAfter(dayAgo)) {
				day++;
				if (at.isAfter(hourAgo)) {
					hour++;
					if (at.isAfter(minuteAgo)) {
						minute++;
					}
				}
			}
		}
		return new Usage.Window(minute, hour, day);
	}

	private record LiveCall(String requestedBy, Instant createdAt) {
	}

}
