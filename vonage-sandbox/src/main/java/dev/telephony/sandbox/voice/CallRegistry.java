package dev.telephony.sandbox.voice;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import dev.telephony.sandbox.journal.JournalProperties;

import org.springframework.stereotype.Component;

/**
 * The calls the sandbox knows, oldest first, bounded like the journal.
 */
@Component
class CallRegistry {

	private final int capacity;

	private final Map<String, Call> byUuid = new ConcurrentHashMap<>();

	private final ConcurrentLinkedDeque<Call> inOrder = new ConcurrentLinkedDeque<>();

	CallRegistry(JournalProperties properties) {
		this.capacity = properties.journalCapacity();
	}

	void add(Call call) {
		this.byUuid.put(call.uuid(), call);
		this.inOrder.addLast(call);
		while (this.inOrder.size() > this.capacity) {
			Call oldest = this.inOrder.pollFirst();
			if (oldest != null) {
				this.byUuid.remove(oldest.uuid());
			}
		}
	}

	Optional<Call> find(String uuid) {
		return Optional.ofNullable(this.byUuid.get(uuid));
	}

	List<Call> all() {
		return List.copyOf(this.inOrder);
	}

}
