package dev.telephony.gateway.correlation;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Unhealthy until the event stream is positioned: until then tools cannot see outcomes.
 */
@Component
class EventStreamHealthIndicator implements HealthIndicator {

	private final EventStream events;

	EventStreamHealthIndicator(EventStream events) {
		this.events = events;
	}

	@Override
	public Health health() {
		return this.events.isReady() ? Health.up().build()
				: Health.down().withDetail("reason", "not yet reading the events topic (is Kafka up?)").build();
	}

}
