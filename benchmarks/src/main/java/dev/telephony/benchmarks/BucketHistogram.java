package dev.telephony.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What one of the dispatchers' Micrometer timers recorded between two scrapes, summed
 * over the dispatchers, from its Prometheus {@code _bucket}, {@code _sum}, {@code _count}
 * and {@code _max} series for one {@code operation}.
 * <p>
 * The timers measure what no per-command timestamp shows (the dispatcher does not publish
 * when it asked for its rate slot), but only to the resolution of their buckets:
 * quantiles are interpolated linearly inside the bucket the rank falls in, as
 * Prometheus's {@code histogram_quantile} does, so a figure is only known to lie within
 * its bucket (Micrometer's percentile histogram has about four buckets per doubling).
 */
final class BucketHistogram {

	/** Upper bound in seconds → requests at or below it, over every dispatcher. */
	private final NavigableMap<Double, Double> cumulative;

	private final double count;

	private final double sumSeconds;

	private final double maxSeconds;

	private final boolean maxExact;

	private BucketHistogram(NavigableMap<Double, Double> cumulative, double count, double sumSeconds, double maxSeconds,
			boolean maxExact) {
		this.cumulative = cumulative;
		this.count = count;
		this.sumSeconds = sumSeconds;
		this.maxSeconds = maxSeconds;
		this.maxExact = maxExact;
	}

	/**
	 * The increase of timer {@code metric} (its Prometheus base name, such as
	 * {@code telephony_dispatcher_rate_slot_wait_seconds}) from {@code before} to
	 * {@code after} for {@code operation}; empty when no dispatcher publishes it, or a
	 * scrape is missing.
	 */
	static Optional<BucketHistogram> between(DispatcherScrape before, DispatcherScrape after, String metric,
			String operation) {
		if (before == null || after == null) {
			return Optional.empty();
		}
		List<NavigableMap<Double, Double>> deltas = new ArrayList<>();
		double count = 0;
		double sum = 0;
		double max = 0;
		boolean maxExact = true;
		for (Map.Entry<String, Prometheus> entry : after.scrapes().entrySet()) {
			Prometheus now = entry.getValue();
			NavigableMap<Double, Double> buckets = buckets(now, metric, operation);
			if (buckets.isEmpty()) {
				continue;
			}
			Prometheus earlier = before.scrapes().get(entry.getKey());
			NavigableMap<Double, Double> prior = (earlier != null) ? buckets(earlier, metric, operation)
					: new TreeMap<>();
			double nowCount = total(now, metric + "_count", operation);
			double priorCount = (earlier != null) ? total(earlier, metric + "_count", operation) : 0;
			double nowSum = total(now, metric + "_sum", operation);
			double priorSum = (earlier != null) ? total(earlier, metric + "_sum", operation) : 0;
			if (nowCount < priorCount) {
				// Restarted in between: everything it has was recorded since.
				prior = new TreeMap<>();
				priorCount = 0;
				priorSum = 0;
			}
			NavigableMap<Double, Double> delta = new TreeMap<>();
			for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
				delta.put(bucket.getKey(), Math.max(0, bucket.getValue() - floor(prior, bucket.getKey())));
			}
			deltas.add(delta);
			count += nowCount - priorCount;
			sum += nowSum - priorSum;
			double requests = delta.lastEntry().getValue();
			if (requests <= 0) {
				continue;
			}
			// The highest bucket this dispatcher filled bounds its maximum. Its _max
			// gauge is the exact value, but over a decaying window of about two minutes,
			// which may reach back before the first scrape: trust it only inside that
			// bucket.
			Map.Entry<Double, Double> top = delta.entrySet()
				.stream()
				.filter((bucket) -> bucket.getValue() >= requests)
				.findFirst()
				.orElseThrow();
			Double below = delta.lowerKey(top.getKey());
			double low = (below != null) ? below : 0;
			double gauge = now.samples(metric + "_max")
				.stream()
				.filter((sample) -> sample.label("operation").equals(operation))
				.mapToDouble(Prometheus.Sample::value)
				.max()
				.orElse(Double.NaN);
			boolean exact = gauge > low && gauge <= top.getKey();
			double estimate = exact ? gauge : top.getKey().isInfinite() ? low : top.getKey();
			if (estimate > max) {
				max = estimate;
				maxExact = exact;
			}
		}
		if (deltas.isEmpty()) {
			return Optional.empty();
		}
		// Summed over dispatchers at every bound any of them has (they run one build,
		// so the bounds should be the same; where not, a dispatcher counts at its next
		// lower bound).
		NavigableMap<Double, Double> merged = new TreeMap<>();
		for (NavigableMap<Double, Double> delta : deltas) {
			delta.keySet().forEach((bound) -> merged.put(bound, 0.0));
		}
		for (Map.Entry<Double, Double> bound : merged.entrySet()) {
			bound.setValue(deltas.stream().mapToDouble((delta) -> floor(delta, bound.getKey())).sum());
		}
		return Optional.of(new BucketHistogram(merged, count, sum, max, maxExact));
	}

	private static NavigableMap<Double, Double> buckets(Prometheus scrape, String metric, String operation) {
		NavigableMap<Double, Double> buckets = new TreeMap<>();
		for (Prometheus.Sample sample : scrape.samples(metric + "_bucket")) {
			if (!sample.label("operation").equals(operation)) {
				continue;
			}
			String le = sample.label("le");
			try {
				double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
				buckets.merge(bound, sample.value(), Double::sum);
			}
			catch (NumberFormatException ex) {
				// not a bucket bound
			}
		}
		return buckets;
	}

	private static double total(Prometheus scrape, String name, String operation) {
		return scrape.sum(name, (sample) -> sample.label("operation").equals(operation));
	}

	private static double floor(NavigableMap<Double, Double> cumulative, double bound) {
		Map.Entry<Double, Double> entry = cumulative.floorEntry(bound);
		return (entry != null) ? entry.getValue() : 0;
	}

	/** Requests recorded (the increase of {@code _count}). */
	long count() {
		return Math.round(this.count);
	}

	private double inBuckets() {
		return this.cumulative.isEmpty() ? 0 : this.cumulative.lastEntry().getValue();
	}

	/**
	 * The estimated quantile ({@code 0.99} for p99) in seconds; empty if nothing was
	 * recorded. In the open top bucket, the highest finite bound.
	 */
	OptionalDouble quantile(double quantile) {
		double total = inBuckets();
		if (total <= 0) {
			return OptionalDouble.empty();
		}
		double rank = quantile * total;
		double low = 0;
		double below = 0;
		for (Map.Entry<Double, Double> bucket : this.cumulative.entrySet()) {
			if (bucket.getValue() >= rank) {
				if (bucket.getKey().isInfinite()) {
					return OptionalDouble.of(low);
				}
				double within = bucket.getValue() - below;
				return OptionalDouble
					.of((within > 0) ? low + (bucket.getKey() - low) * (rank - below) / within : bucket.getKey());
			}
			low = bucket.getKey();
			below = bucket.getValue();
		}
		return OptionalDouble.of(low);
	}

	/** The bucket the quantile lies in, such as {@code (27.96, 33.55] ms}. */
	String bucket(double quantile) {
		double total = inBuckets();
		if (total <= 0) {
			return "–";
		}
		double low = 0;
		for (Map.Entry<Double, Double> bucket : this.cumulative.entrySet()) {
			if (bucket.getValue() >= quantile * total) {
				return "(" + Latency.ms(low * 1000) + ", "
						+ (bucket.getKey().isInfinite() ? "∞" : Latency.ms(bucket.getKey() * 1000)) + "] ms";
			}
			low = bucket.getKey();
		}
		return "–";
	}

	/** The quantile in ms for a table cell, "–" if nothing was recorded. */
	String ms(double quantile) {
		OptionalDouble value = quantile(quantile);
		if (value.isEmpty()) {
			return "–";
		}
		// Interpolating spreads the top bucket's requests up to its bound: no estimate
		// above the maximum when that is known.
		double seconds = this.maxExact ? Math.min(value.getAsDouble(), this.maxSeconds) : value.getAsDouble();
		return Latency.ms(seconds * 1000);
	}

	/** The mean in ms, from {@code _sum / _count}. */
	String meanMs() {
		return (this.count > 0) ? Latency.ms(this.sumSeconds / this.count * 1000) : "–";
	}

	/**
	 * The maximum in ms: the {@code _max} gauge where it agrees with the highest bucket
	 * filled, else that bucket's upper bound ("≤").
	 */
	String maxMs() {
		if (inBuckets() <= 0) {
			return "–";
		}
		return (this.maxExact ? "" : "≤ ") + Latency.ms(this.maxSeconds * 1000);
	}

	/** A row for {@link Latency#table}'s columns (n, p50, p90, p95, p99, max, mean). */
	String row(String name) {
		return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s |%n", name, count(), ms(0.50),
				ms(0.90), ms(0.95), ms(0.99), maxMs(), meanMs());
	}

	/** The row, or one of "n/a" where the dispatchers do not publish the timer. */
	static String row(Optional<BucketHistogram> histogram, String name) {
		return histogram.map((present) -> present.row(name))
			.orElse("| " + name + " | n/a | n/a | n/a | n/a | n/a | n/a | n/a |\n");
	}

}
