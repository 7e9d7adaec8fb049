package dev.telephony.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox's Tomcat access log: when each request began (ms) and how long Tomcat took
 * to process it (µs), that is the provider's own processing time, from reading the
 * request to writing the response.
 */
final class AccessLog {

	/** Begin time in epoch ms, processing time in µs, status, method, path. */
	static final String PATTERN = "%{begin:msec}t %D %s %m %U";

	private final Path file;

	AccessLog(Path file) {
		this.file = file;
	}

	/**
	 * One request.
	 *
	 * @param beginMillis when Tomcat began processing it (epoch ms)
	 * @param micros processing time
	 * @param status HTTP status
	 * @param method HTTP method
	 * @param path request path
	 */
	record Entry(long beginMillis, long micros, int status, String method, String path) {

		/** Whether this request can be the one journaled at {@code time}. */
		boolean covers(Instant time) {
			long at = time.toEpochMilli();
			return at >= this.beginMillis && at <= this.beginMillis + (this.micros + 999) / 1000 + 1;
		}

	}

	List<Entry> entries() throws IOException {
		List<Entry> entries = new ArrayList<>();
		if (!Files.exists(this.file)) {
			return entries;
		}
		for (String line : Files.readAllLines(this.file)) {
			String[] parts = line.strip().split(" ");
			if (parts.length < 5) {
				continue;
			}
			try {
				entries.add(new Entry(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2]),
						parts[3], parts[4]));
			}
			catch (NumberFormatException ex) {
				// not one of ours
			}
		}
		entries.sort(Comparator.comparingLong(Entry::beginMillis));
		return entries;
	}

	/**
	 * The request of {@code path} that was being processed when the sandbox journaled
	 * {@code time}; the shortest candidate if several overlap.
	 */
	static Optional<Entry> match(List<Entry> entries, String method, String path, Instant time) {
		return entries.stream()
			.filter((entry) -> entry.method().equals(method) && entry.path().equals(path) && entry.covers(time))
			.min(Comparator.comparingLong((Entry entry) -> Math.abs(time.toEpochMilli() - entry.beginMillis())));
	}

}
