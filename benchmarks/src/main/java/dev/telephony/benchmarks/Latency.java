package dev.telephony.benchmarks;

import java.util.Locale;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** A latency distribution in microseconds (HdrHistogram, 3 significant digits). */
final class Latency {

	private final String name;

	private final Histogram histogram = new ConcurrentHistogram(3_600_000_000L, 3);

	Latency(String name) {
		this.name = name;
	}

	void recordNanos(long nanos) {
		recordMicros(nanos / 1000);
	}

	void recordMicros(long micros) {
		this.histogram.recordValue(Math.max(0, micros));
	}

	long count() {
		return this.histogram.getTotalCount();
	}

	double percentileMillis(double percentile) {
		return this.histogram.getValueAtPercentile(percentile) / 1000.0;
	}

	double maxMillis() {
		return this.histogram.getMaxValue() / 1000.0;
	}

	double meanMillis() {
		return this.histogram.getMean() / 1000.0;
	}

	String name() {
		return this.name;
	}

	static String header() {
		return "| measure | n | p50 ms | p90 ms | p95 ms | p99 ms | max ms | mean ms |\n"
				+ "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
	}

	String row() {
		if (count() == 0) {
			return "| " + this.name + " | 0 | | | | | | |\n";
		}
		return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s |%n", this.name, count(),
				ms(percentileMillis(50)), ms(percentileMillis(90)), ms(percentileMillis(95)), ms(percentileMillis(99)),
				ms(maxMillis()), ms(meanMillis()));
	}

	static String ms(double millis) {
		if (millis >= 1000) {
			return String.format(Locale.ROOT, "%.0f", millis);
		}
		if (millis >= 100) {
			return String.format(Locale.ROOT, "%.1f", millis);
		}
		return String.format(Locale.ROOT, "%.2f", millis);
	}

	static String table(Latency... latencies) {
		StringBuilder table = new StringBuilder(header());
		for (Latency latency : latencies) {
			table.append(latency.row());
		}
		return table.toString();
	}

}
