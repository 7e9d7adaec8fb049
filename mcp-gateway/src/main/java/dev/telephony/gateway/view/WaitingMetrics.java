package dev.telephony.gateway.view;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/** How many tool calls are waiting: the gateway's load that no request rate shows. */
@Component
class WaitingMetrics implements MeterBinder {

	private final WatchRegistry watches;

	WaitingMetrics(WatchRegistry watches) {
		this.watches = watches;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("telephony.mcp.waiting", this.watches, WatchRegistry::waiting)
			.description("Tool calls waiting for a call, a message or an outcome")
			.register(registry);
	}

}
