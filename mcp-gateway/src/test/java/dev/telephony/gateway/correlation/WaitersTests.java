package dev.telephony.gateway.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.MessageStatusChanged;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WaitersTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

	private final Waiters waiters = new Waiters();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final EventRouter router = new EventRouter(this.waiters, this.meters);

	@Test
	void waiterGetsTheFirstEventItAccepts() throws InterruptedException {
		UUID commandId = UUID.randomUUID();
		try (Waiters.Waiter waiter = this.waiters.register(commandId, Event::isCommandOutcome)) {
			this.router.accept(status("e1", commandId));
			this.router.accept(accepted("e2", commandId));
			assertThat(waiter.await(Duration.ofSeconds(1))).get().isInstanceOf(CommandAccepted.class);
		}
		assertThat(this.waiters.size()).isZero();
	}

	@Test
	void eventsOfOtherCommandsDoNotWakeTheWaiter() throws InterruptedException {
		try (Waiters.Waiter waiter = this.waiters.register(UUID.randomUUID(), Event::isCommandOutcome)) {
			this.router.accept(accepted("e3", UUID.randomUUID()));
			assertThat(waiter.await(Duration.ofMillis(50))).isEmpty();
		}
	}

	@Test
	void duplicateEventIdsAreRoutedOnceAndCounted() {
		UUID commandId = UUID.randomUUID();
		this.router.accept(accepted("e4", commandId));
		this.router.accept(accepted("e4", commandId));
		assertThat(this.meters.counter("telephony.events.received", "outcome", "routed").count()).isEqualTo(1);
		assertThat(this.meters.counter("telephony.events.received", "outcome", "duplicate").count()).isEqualTo(1);
	}

	@Test
	void aDuplicateDoesNotCompleteALaterWaiter() throws InterruptedException {
		UUID commandId = UUID.randomUUID();
		this.router.accept(accepted("e5", commandId));
		try (Waiters.Waiter waiter = this.waiters.register(commandId, Event::isCommandOutcome)) {
			this.router.accept(accepted("e5", commandId));
			assertThat(waiter.await(Duration.ofMillis(50))).isEmpty();
		}
	}

	private static CommandAccepted accepted(String eventId, UUID commandId) {
		return new CommandAccepted(eventId, commandId, NOW, NOW, null, null, "m-1");
	}

	private static MessageStatusChanged status(String eventId, UUID commandId) {
		return new MessageStatusChanged(eventId, commandId, NOW, NOW, "m-1", "sms", "submitted", null, null, null, null,
				null, null);
	}

}
