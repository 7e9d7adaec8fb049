package dev.telephony.gateway.correlation;

import java.time.Clock;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.WatchRegistry;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Hands each command and each event once to the view, then wakes the tool calls watching
 * what changed. Providers redeliver webhooks and producers retry, so the same event id is
 * expected more than once; it is remembered for long enough to outlive any wait.
 */
@Component
class EventRouter {

	private final Cache<String, Boolean> seen = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterWrite(java.time.Duration.ofHours(1))
		.build();

	private final TelephonyView view;

	private final WatchRegistry watches;

	private final CorrelationMetrics metrics;

	private final Counter routed;

	private final Counter duplicates;

	EventRouter(TelephonyView view, WatchRegistry watches, MeterRegistry meters) {
		this.view = view;
		this.watches = watches;
		this.metrics = new CorrelationMetrics(view, meters, Clock.systemUTC());
		this.routed = Counter.builder("telephony.events.received")
			.description("Events read by the gateway, by outcome")
			.tag("outcome", "routed")
			.register(meters);
		this.duplicates = Counter.builder("telephony.events.received")
			.description("Events read by the gateway, by outcome")
			.tag("outcome", "duplicate")
			.register(meters);
	}

	void accept(Command command) {
		this.view.onCommand(command);
		this.watches.wake(List.of(command.commandId()));
	}

	void accept(Event event) {
		if (this.seen.asMap().putIfAbsent(event.eventId(), Boolean.TRUE) != null) {
			this.duplicates.increment();
			return;
		}
		this.routed.increment();
		int woken = this.watches.wake(this.view.onEvent(event));
		this.metrics.applied(event, woken);
	}

}
