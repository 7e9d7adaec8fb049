package dev.telephony.gateway.correlation;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import dev.telephony.schemas.Event;

import org.springframework.stereotype.Component;

/**
 * Tool calls waiting for an event of their command. A waiter is registered before the
 * command is published, so the event cannot slip past between the two.
 */
@Component
public class Waiters {

	private final Map<UUID, Waiter> waiting = new ConcurrentHashMap<>();

	/**
	 * Start waiting for the first event of {@code commandId} that {@code until} accepts.
	 */
	public Waiter register(UUID commandId, Predicate<Event> until) {
		Waiter waiter = new Waiter(commandId, until);
		if (this.waiting.putIfAbsent(commandId, waiter) != null) {
			throw new IllegalStateException("already waiting for command " + commandId);
		}
		return waiter;
	}

	void offer(Event event) {
		if (event.commandId() == null) {
			return;
		}
		Waiter waiter = this.waiting.get(event.commandId());
		if (waiter != null && waiter.until.test(event)) {
			waiter.result.complete(event);
		}
	}

	int size() {
		return this.waiting.size();
	}

	/** One waiting tool call; close it when done so the registry does not grow. */
	public final class Waiter implements AutoCloseable {

		private final UUID commandId;

		private final Predicate<Event> until;

		private final CompletableFuture<Event> result = new CompletableFuture<>();

		private Waiter(UUID commandId, Predicate<Event> until) {
			this.commandId = commandId;
			this.until = until;
		}

		/** The matching event, or empty when {@code timeout} passed first. */
		public Optional<Event> await(Duration timeout) throws InterruptedException {
			try {
				return Optional.of(this.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
			}
			catch (TimeoutException ex) {
				return Optional.empty();
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("waiter failed", ex.getCause());
			}
		}

		@Override
		public void close() {
			Waiters.this.waiting.remove(this.commandId, this);
		}

	}

}
