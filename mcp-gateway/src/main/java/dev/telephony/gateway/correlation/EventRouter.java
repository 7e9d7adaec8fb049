package dev.telephony.gateway.correlation;

import java.time.Clock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.schemas.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Hands each event once to the view. Providers redeliver webhooks and producers retry, so
 * the same event id is expected more than once; it is remembered for long enough to
 * outlive any wait.
 */
@Component
class EventRouter {

	private final Cache<String, Boolean> seen = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterWrite(java.time.Duration.ofHours(1))
		.build();

	private final TelephonyView view;

	private final CorrelationMetrics metrics;

	private final Counter routed;

	private final Counter duplicates;

	EventRouter(TelephonyView view, MeterRegistry meters) {
		this.view = view;
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

	void accept(Event event) {
		if (this.seen.asMap().putIfAbsent(event.eventId(), Boolean.TRUE) != null) {
			this.duplicates.increment();
			return;
		}
		this.routed.increment();
		int woken = this.view.onEvent(event);
		this.metrics.applied(event, woken);
	}

}
