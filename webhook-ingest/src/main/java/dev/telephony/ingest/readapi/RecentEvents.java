package dev.telephony.ingest.readapi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.telephony.schemas.Event;

import org.springframework.stereotype.Component;

/**
 * The most recent events of the topic, oldest first, one per event id (a redelivered
 * webhook is one event), at most {@code capacity}: the oldest is dropped first.
 */
@Component
class RecentEvents {

	private final int capacity;

	private final LinkedHashMap<String, Event> events = new LinkedHashMap<>();

	RecentEvents(ReadApiProperties properties) {
		this.capacity = properties.capacity();
	}

	synchronized void add(Event event) {
		if (this.events.putIfAbsent(event.eventId(), event) != null) {
			return;
		}
		Iterator<String> oldest = this.events.keySet().iterator();
		while (this.events.size() > this.capacity) {
			oldest.next();
			oldest.remove();
		}
	}

	synchronized int count() {
		return this.events.size();
	}

	synchronized Optional<Event> find(String eventId) {
		return Optional.ofNullable(this.events.get(eventId));
	}

	/** Up to {@code limit} events after the first {@code skip}, oldest first. */
	synchronized List<Event> page(int skip, int limit) {
		return this.events.values().stream().skip(skip).limit(limit).toList();
	}

	synchronized List<Event> matching(Predicate<Event> filter) {
		List<Event> matching = new ArrayList<>();
		this.events.values().stream().filter(filter).forEach(matching::add);
		return matching;
	}

}
