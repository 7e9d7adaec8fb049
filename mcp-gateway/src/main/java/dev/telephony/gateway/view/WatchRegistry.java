package dev.telephony.gateway.view;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The tool calls waiting on commands, and their wake-up once the view has changed one.
 * The view says what changed; this knows who waits for it. Watches come and go on request
 * threads while the reader thread wakes them, hence the concurrent sets.
 */
@Component
public class WatchRegistry {

	private final Map<UUID, Set<Watch>> watches = new ConcurrentHashMap<>();

	/** Subscribe to changes of one command; closing the watch forgets it. */
	public Watch watch(UUID commandId) {
		Set<Watch> set = this.watches.computeIfAbsent(commandId, (id) -> ConcurrentHashMap.newKeySet());
		Watch watch = new Watch((closed) -> this.watches.computeIfPresent(commandId, (id, current) -> {
			current.remove(closed);
			return current.isEmpty() ? null : current;
		}));
		set.add(watch);
		return watch;
	}

	/**
	 * Wakes the tool calls watching these commands.
	 * @return how many it woke
	 */
	public int wake(Collection<UUID> changed) {
		int woken = 0;
		for (UUID commandId : changed) {
			Set<Watch> set = this.watches.get(commandId);
			if (set != null) {
				set.forEach(Watch::signal);
				woken += set.size();
			}
		}
		return woken;
	}

	/** Tool calls waiting on a command right now. */
	public int waiting() {
		return this.watches.values().stream().mapToInt(Set::size).sum();
	}

}
