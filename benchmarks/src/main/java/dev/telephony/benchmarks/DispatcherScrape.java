package dev.telephony.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * Every dispatcher's {@code /actuator/prometheus} at one moment, kept apart by
 * dispatcher: a counter or histogram can only be compared with the same process's earlier
 * scrape (a dispatcher started in between has none, a restarted one counts from zero).
 */
final class DispatcherScrape {

	/**
	 * Per provider request: from asking for a rate-limit slot until the request is
	 * written to the provider (a timer, by {@code operation}).
	 */
	static final String SLOT_WAIT = "telephony_dispatcher_rate_slot_wait_seconds";

	/**
	 * Per provider request: how long after its slot's start it was written (a timer, by
	 * {@code operation}).
	 */
	static final String SLOT_LATENESS = "telephony_dispatcher_rate_slot_lateness_seconds";

	/** Requests too late for their rate slot, by operation and cause. */
	static final String SLOT_MISSES = "telephony_dispatcher_rate_slot_misses_total";

	/** Requests held back or refused by the rate limit, by operation and outcome. */
	static final String RATE_LIMIT = "telephony_dispatcher_rate_limit_total";

	private final Map<String, Prometheus> scrapes;

	private DispatcherScrape(Map<String, Prometheus> scrapes) {
		this.scrapes = scrapes;
	}

	static DispatcherScrape of(List<Child> dispatchers) throws InterruptedException {
		Map<String, Prometheus> scrapes = new LinkedHashMap<>();
		for (Child dispatcher : dispatchers) {
			// A dispatcher that does not answer is left out rather than failing the
			// scenario: its metrics then read as n/a, or count less.
			HttpText.get(dispatcher.baseUrl() + "/actuator/prometheus")
				.ifPresent((text) -> scrapes.put(dispatcher.baseUrl(), Prometheus.parse(text)));
		}
		return new DispatcherScrape(scrapes);
	}

	/** Scrape of each dispatcher that answered, by base URL. */
	Map<String, Prometheus> scrapes() {
		return this.scrapes;
	}

	/** The total over every dispatcher (absent series count as zero). */
	double sum(String metric, Predicate<Prometheus.Sample> filter) {
		return this.scrapes.values().stream().mapToDouble((scrape) -> scrape.sum(metric, filter)).sum();
	}

	/** Whether any dispatcher publishes a matching series. */
	boolean has(String metric, Predicate<Prometheus.Sample> filter) {
		return this.scrapes.values().stream().anyMatch((scrape) -> scrape.samples(metric).stream().anyMatch(filter));
	}

	/**
	 * How much a counter grew since {@code before}, over every dispatcher; empty when no
	 * dispatcher publishes it (an older dispatcher, or one that did not answer).
	 */
	OptionalDouble increase(DispatcherScrape before, String metric, Predicate<Prometheus.Sample> filter) {
		boolean found = false;
		double total = 0;
		for (Map.Entry<String, Prometheus> entry : this.scrapes.entrySet()) {
			List<Prometheus.Sample> now = entry.getValue().samples(metric).stream().filter(filter).toList();
			if (now.isEmpty()) {
				continue;
			}
			found = true;
			double after = now.stream().mapToDouble(Prometheus.Sample::value).sum();
			Prometheus earlier = (before != null) ? before.scrapes.get(entry.getKey()) : null;
			double prior = (earlier != null) ? earlier.sum(metric, filter) : 0;
			// Below its earlier value: the dispatcher restarted and counts from zero.
			total += (after >= prior) ? after - prior : after;
		}
		return found ? OptionalDouble.of(total) : OptionalDouble.empty();
	}

}
