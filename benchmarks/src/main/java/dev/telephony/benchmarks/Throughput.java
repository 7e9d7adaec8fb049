package dev.telephony.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * (c) Sustained throughput at the provider's default limits: enough MCP clients keep
 * every command partition busy, and the sandbox journal (when the provider accepted each
 * request) shows the rate the provider saw, per calendar second and in every sliding
 * one-second window. With one dispatcher, then three. The dispatchers' own view of the
 * same window: how many requests missed their rate slot, and how late after its slot's
 * start each request was written (their histograms).
 */
final class Throughput {

	private final Stack stack;

	private final Options options;

	private final Report report;

	private final StringBuilder summary = new StringBuilder(
			"| run | limit /s | accepted in window | mean /s | % of limit | per calendar second min / median / max | max in any sliding 1 s | max sliding 1 s, % of limit | sliding windows over the limit | 429s from the sandbox | commands expired | tool calls ok / failed | tool latency p50 / p99 ms | missed_slot | slot lateness p99 / max ms (dispatchers' histogram) |\n"
					+ "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");

	private final StringBuilder seconds = new StringBuilder();

	private final Env env;

	private KafkaTap tap;

	Throughput(Env env, Stack stack, Options options, Report report) {
		this.env = env;
		this.stack = stack;
		this.options = options;
		this.report = report;
	}

	/**
	 * What a phase drives.
	 *
	 * @param label row label
	 * @param tool tool name
	 * @param path the provider request path counted
	 * @param limit the provider's limit per second
	 * @param clients concurrent MCP callers
	 * @param operation the dispatcher's operation tag
	 */
	private record Load(String label, String tool, String path, int limit, int clients, String operation) {
	}

	void run() throws Exception {
		int window = this.options.number("throughput-seconds", 60);
		int warmup = this.options.number("throughput-warmup", 15);
		this.report.heading("(c) Sustained throughput at the default provider limits");
		this.report.line("Closed loop: 60 concurrent `send_sms` callers (4 MCP sessions), then 30 concurrent"
				+ " `voice_call` callers (`wait_for_result` false: returns once the call is placed), to random"
				+ " destinations (about 10 and 5 commands queued per partition), for " + warmup
				+ " s of ramp-up plus a " + window + " s measured window, after 20 s of unmeasured load of each"
				+ " kind whenever JVMs are new. Sandbox"
				+ " limits at their defaults (30 msg/s, 3 calls/s; no more than that in any sliding second),"
				+ " dispatcher limits the same (the defaults). Counted from the sandbox journal's `time` of each"
				+ " accepted request (the provider's view). First with the one dispatcher, then with two more"
				+ " started (they share the slots through the rate-slots topic).");
		List<Load> loads = List.of(new Load("SMS", "send_sms", "/v1/messages", 30, 60, "send_message"),
				new Load("calls", "voice_call", "/v1/calls", 3, 30, "create_call"));
		// Freshly started JVMs (a stack that ran nothing yet, new dispatchers) run
		// interpreted at first: load them unmeasured for a while.
		warm(loads, 20);
		for (Load load : loads) {
			phase(load, 1, warmup, window);
		}
		Harness.log("throughput: starting two more dispatchers");
		this.stack.addDispatchers(2, true);
		awaitShares(3);
		warm(loads, 20);
		for (Load load : loads) {
			phase(load, 3, warmup, window);
		}
		this.report.subheading("Summary");
		this.report.table(this.summary.toString());
		this.report.line("Max in any sliding 1 s: the most accepted requests whose journal `time` lies in [t, t + 1 s),"
				+ " over every accepted request's time t in the measured window; its % of the limit above 100 % is a"
				+ " window over the limit as the provider counts. `missed_slot` (the dispatchers' "
				+ DispatcherScrape.RATE_LIMIT + " counter) and slot lateness (their " + DispatcherScrape.SLOT_LATENESS
				+ " histogram, slot start → request written; p99 interpolated inside"
				+ " buckets, max from the `_max` gauge where it lies in the highest bucket filled, else that bucket's"
				+ " bound, ≤) are taken over the measured window, from scrapes of every dispatcher at its start and"
				+ " end; n/a where the dispatchers do not publish them.");
		this.report.line("Target: ≥ 97 % of the limit with zero one-second windows over it. Accepted requests per"
				+ " calendar second in the measured window:");
		this.report.line(this.seconds.toString());
	}

	/** Unmeasured load of each kind, for the JIT. */
	private void warm(List<Load> loads, int seconds) throws InterruptedException {
		Harness.log("throughput: warm-up, " + seconds + " s of each load");
		for (Load load : loads) {
			Instant stopAt = Instant.now().plusSeconds(seconds);
			List<Mcp> sessions = new ArrayList<>();
			try {
				for (int i = 0; i < 4; i++) {
					sessions.add(Mcp.connect(this.stack.gateway().baseUrl(), Duration.ofSeconds(60)));
				}
				List<Thread> threads = new ArrayList<>();
				for (int client = 0; client < load.clients(); client++) {
					Mcp session = sessions.get(client % sessions.size());
					threads.add(Thread.ofVirtual().start(() -> {
						while (Instant.now().isBefore(stopAt)) {
							session.call(load.tool(), arguments(load));
						}
					}));
				}
				for (Thread thread : threads) {
					thread.join();
				}
			}
			finally {
				sessions.forEach(Mcp::close);
			}
		}
	}

	private static Map<String, Object> arguments(Load load) {
		String to = "+" + Numbers.random(Numbers.PLAIN);
		return load.tool().equals("send_sms") ? Map.of("to", to, "text", "Benchmark: sustained throughput.")
				: Map.of("to", to, "message", "Benchmark call.", "wait_for_result", false);
	}

	private void phase(Load load, int dispatchers, int warmup, int window) throws Exception {
		String label = load.label() + ", " + dispatchers + " dispatcher" + ((dispatchers > 1) ? "s" : "");
		Harness.log("throughput: " + label);
		Map<String, Integer> outcomes = new ConcurrentHashMap<>();
		Latency latency = new Latency(label);
		List<Mcp> sessions = new ArrayList<>();
		this.tap = new KafkaTap(this.env.bootstrap());
		try {
			for (int i = 0; i < 4; i++) {
				sessions.add(Mcp.connect(this.stack.gateway().baseUrl(), Duration.ofSeconds(60)));
			}
			DispatcherScrape before = dispatcherMetrics();
			Instant start = Instant.now();
			Instant windowStart = start.plusSeconds(warmup);
			Instant windowEnd = windowStart.plusSeconds(window);
			Instant stopAt = windowEnd.plusSeconds(1);
			// The slot counters and histograms at the measured window's edges, so that
			// they cover what the journal columns cover, not the ramp-up.
			DispatcherScrape[] edges = new DispatcherScrape[2];
			Thread scraper = Thread.ofVirtual().start(() -> {
				try {
					sleepUntil(windowStart);
					edges[0] = dispatcherMetrics();
					sleepUntil(windowEnd);
					edges[1] = dispatcherMetrics();
				}
				catch (InterruptedException ex) {
					// the rows read n/a
				}
			});
			CpuMeter cpu = new CpuMeter(this.stack.processes());
			List<Thread> threads = new ArrayList<>();
			for (int client = 0; client < load.clients(); client++) {
				Mcp session = sessions.get(client % sessions.size());
				threads.add(Thread.ofVirtual().start(() -> {
					while (Instant.now().isBefore(stopAt)) {
						Mcp.Call call = session.call(load.tool(), arguments(load));
						outcomes.merge(call.outcome(), 1, Integer::sum);
						if (call.ok() && !call.start().isBefore(windowStart) && call.end().isBefore(windowEnd)) {
							latency.recordNanos(call.nanos());
						}
					}
				}));
			}
			for (Thread thread : threads) {
				thread.join();
			}
			scraper.join();
			String cpuReport = cpu.report();
			Thread.sleep(2000);
			DispatcherScrape after = dispatcherMetrics();
			analyse(load, label, windowStart, windowEnd, before, after, outcomes, latency);
			slots(load, label, edges[0], edges[1]);
			this.report.subheading("CPU, " + label);
			this.report.table(cpuReport);
		}
		finally {
			sessions.forEach(Mcp::close);
			this.tap.close();
			this.tap = null;
		}
		// Let the queue drain, so the next phase starts from empty partitions.
		Thread.sleep(3000);
	}

	private void analyse(Load load, String label, Instant windowStart, Instant windowEnd, DispatcherScrape before,
			DispatcherScrape after, Map<String, Integer> outcomes, Latency latency) throws Exception {
		List<SandboxAdmin.Entry> requests = new SandboxAdmin(Env.sandboxUrl()).journal("kind=request")
			.stream()
			.filter((entry) -> "POST".equals(entry.method()) && load.path().equals(entry.path()))
			.filter((entry) -> !entry.time().isBefore(windowStart) && entry.time().isBefore(windowEnd))
			.sorted(java.util.Comparator.comparing(SandboxAdmin.Entry::time))
			.toList();
		List<Instant> accepted = requests.stream().map(SandboxAdmin.Entry::time).toList();
		long firstSecond = windowStart.getEpochSecond() + 1;
		long lastSecond = windowEnd.getEpochSecond() - 1;
		List<Integer> perSecond = new ArrayList<>();
		for (long second = firstSecond; second <= lastSecond; second++) {
			long s = second;
			perSecond.add((int) accepted.stream().filter((time) -> time.getEpochSecond() == s).count());
		}
		int maxSliding = 0;
		int over = 0;
		int worst = 0;
		for (int i = 0, j = 0; i < accepted.size(); i++) {
			Instant end = accepted.get(i).plusSeconds(1);
			while (j < accepted.size() && accepted.get(j).isBefore(end)) {
				j++;
			}
			if (j - i > maxSliding) {
				worst = i;
			}
			maxSliding = Math.max(maxSliding, j - i);
			if (j - i > load.limit()) {
				over++;
			}
		}
		long throttled = this.stack.accessLog()
			.entries()
			.stream()
			.filter((entry) -> entry.status() == 429 && entry.path().equals(load.path())
					&& entry.beginMillis() >= windowStart.toEpochMilli()
					&& entry.beginMillis() < windowEnd.toEpochMilli())
			.count();
		double expired = delta(before, after, "telephony_commands_processed_total", "outcome", "expired");
		double seconds = Duration.between(windowStart, windowEnd).toMillis() / 1000.0;
		double rate = accepted.size() / seconds;
		List<Integer> sorted = perSecond.stream().sorted().toList();
		int ok = outcomes.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("ok"))
			.mapToInt(Map.Entry::getValue)
			.sum();
		int failed = outcomes.values().stream().mapToInt(Integer::intValue).sum() - ok;
		// The slot columns are appended by slots(), which ends the row.
		this.summary.append(String.format(Locale.ROOT,
				"| %s | %d | %d | %.2f | %.1f %% | %d / %d / %d | %d | %.1f %% | %d | %d | %.0f | %d / %d | %s / %s |",
				label, load.limit(), accepted.size(), rate, 100 * rate / load.limit(),
				sorted.isEmpty() ? 0 : sorted.get(0), sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2),
				sorted.isEmpty() ? 0 : sorted.getLast(), maxSliding, 100.0 * maxSliding / load.limit(), over, throttled,
				expired, ok, failed, Latency.ms(latency.percentileMillis(50)),
				Latency.ms(latency.percentileMillis(99))));
		this.seconds.append("- ").append(label).append(": ").append(perSecond).append("\n");
		if (maxSliding > load.limit()) {
			this.report.line("The fullest one-second window of " + label + " (" + maxSliding + " requests), in ms"
					+ " from the start of the first request's slot: the "
					+ String.format(Locale.ROOT, "%.1f", 1020.0 / load.limit())
					+ " ms rate slot (numbered from the epoch) in which the dispatcher began the provider request (the"
					+ " reserved slot is not logged: a request begun more than a slot late shows in a later one), when"
					+ " it began it (after writing its dispatch log: `occurredAt` of the outcome), and when the sandbox"
					+ " journaled it:");
			this.report.table(worstWindow(requests.subList(worst, worst + maxSliding), load.limit()));
		}
		this.report.line(String.format(Locale.ROOT,
				"%s: %d accepted in %.0f s = %.2f/s (%.1f %% of %d/s); max %d in a sliding second; %d 429s from the"
						+ " sandbox; rate-limited by provider (dispatcher counter) %.0f; outcomes %s",
				label, accepted.size(), seconds, rate, 100 * rate / load.limit(), load.limit(), maxSliding, throttled,
				delta(before, after, "telephony_dispatcher_rate_limit_total", "outcome", "rate_limited_by_provider"),
				new TreeMap<>(outcomes)));
	}

	/**
	 * The dispatchers' side of the measured window: requests that missed their slot, and
	 * how late the others were written after their slot's start. Both are new in the
	 * dispatcher: older builds show n/a.
	 */
	private void slots(Load load, String label, DispatcherScrape start, DispatcherScrape end) {
		Optional<BucketHistogram> lateness = BucketHistogram.between(start, end, DispatcherScrape.SLOT_LATENESS,
				load.operation());
		Optional<BucketHistogram> wait = BucketHistogram.between(start, end, DispatcherScrape.SLOT_WAIT,
				load.operation());
		OptionalDouble missed = (end != null) ? end.increase(start, DispatcherScrape.RATE_LIMIT,
				(sample) -> sample.label("operation").equals(load.operation())
						&& sample.label("outcome").equals("missed_slot"))
				: OptionalDouble.empty();
		String missedText;
		if (missed.isPresent()) {
			missedText = String.format(Locale.ROOT, "%.0f", missed.getAsDouble());
		}
		else {
			// A dispatcher with the slot timers but no missed_slot series yet has missed
			// none (the counter may be registered on first use); without either it is an
			// older build.
			missedText = (start != null && lateness.isPresent()) ? "0" : "n/a";
		}
		String causes = (end != null) ? missCauses(load, start, end) : "n/a";
		this.summary.append(String.format(Locale.ROOT, " %s | %s / %s |%n", missedText,
				lateness.map((h) -> h.ms(0.99)).orElse("n/a"), lateness.map(BucketHistogram::maxMs).orElse("n/a")));
		this.report.line(String.format(Locale.ROOT,
				"%s, the dispatchers' histograms over the measured window (operation `%s`; bucket resolution):"
						+ " slot lateness n %s, p50 / p99 / max %s / %s / %s ms (p99 in %s), mean %s ms; slot wait p50"
						+ " / p99 %s / %s ms; missed_slot %s (by cause: %s).",
				label, load.operation(), lateness.map((h) -> Long.toString(h.count())).orElse("n/a"),
				lateness.map((h) -> h.ms(0.50)).orElse("n/a"), lateness.map((h) -> h.ms(0.99)).orElse("n/a"),
				lateness.map(BucketHistogram::maxMs).orElse("n/a"), lateness.map((h) -> h.bucket(0.99)).orElse("n/a"),
				lateness.map(BucketHistogram::meanMs).orElse("n/a"), wait.map((h) -> h.ms(0.50)).orElse("n/a"),
				wait.map((h) -> h.ms(0.99)).orElse("n/a"), missedText, causes));
	}

	/**
	 * Missed slots by why: {@code woke_late} (ready in time, written too late: scheduling
	 * or GC) or {@code ready_late} (still being prepared when the slot began).
	 */
	private static String missCauses(Load load, DispatcherScrape start, DispatcherScrape end) {
		StringBuilder causes = new StringBuilder();
		for (String cause : new String[] { "woke_late", "ready_late" }) {
			OptionalDouble count = end.increase(start, DispatcherScrape.SLOT_MISSES,
					(sample) -> sample.label("operation").equals(load.operation())
							&& sample.label("cause").equals(cause));
			causes.append((causes.length() > 0) ? ", " : "")
				.append(cause)
				.append(' ')
				.append(count.isPresent() ? String.format(Locale.ROOT, "%.0f", count.getAsDouble()) : "n/a");
		}
		return causes.toString();
	}

	private static void sleepUntil(Instant instant) throws InterruptedException {
		Duration left = Duration.between(Instant.now(), instant);
		if (left.isPositive()) {
			Thread.sleep(left);
		}
	}

	private String worstWindow(List<SandboxAdmin.Entry> window, int limit) {
		long slotNanos = (long) (1_000_000_000L * 1.02 / limit);
		StringBuilder table = new StringBuilder(
				"| # | slot | slot start | dispatcher began | sandbox journaled | slot start → dispatcher | dispatcher → sandbox |\n"
						+ "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		Long origin = null;
		int n = 0;
		for (SandboxAdmin.Entry entry : window) {
			Instant began = (this.tap != null && entry.commandId() != null)
					? this.tap.providerStarted(entry.commandId()) : null;
			long journaled = nanos(entry.time());
			long slot = ((began != null) ? nanos(began) : journaled) / slotNanos;
			long slotStart = slot * slotNanos;
			if (origin == null) {
				origin = slotStart;
			}
			long base = origin;
			table.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %s | %.1f | %s | %s |%n", ++n, slot,
					(slotStart - base) / 1e6,
					(began != null) ? String.format(Locale.ROOT, "%.1f", (nanos(began) - base) / 1e6) : "?",
					(journaled - base) / 1e6,
					(began != null) ? String.format(Locale.ROOT, "%.1f", (nanos(began) - slotStart) / 1e6) : "?",
					(began != null) ? String.format(Locale.ROOT, "%.1f", (journaled - nanos(began)) / 1e6) : "?"));
		}
		return table.toString();
	}

	private static long nanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	private static double delta(DispatcherScrape before, DispatcherScrape after, String metric, String label,
			String value) {
		return after.sum(metric, (sample) -> sample.label(label).equals(value))
				- before.sum(metric, (sample) -> sample.label(label).equals(value));
	}

	/** Every dispatcher's metrics, apart by dispatcher. */
	private DispatcherScrape dispatcherMetrics() throws InterruptedException {
		return DispatcherScrape.of(this.stack.dispatchers());
	}

	/**
	 * Waits until the dispatchers' consumer group has settled with every dispatcher
	 * owning some of the command partitions.
	 */
	private void awaitShares(int dispatchers) throws Exception {
		Instant deadline = Instant.now().plusSeconds(120);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.env.bootstrap()))) {
			while (Instant.now().isBefore(deadline)) {
				ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("dispatcher"))
					.describedGroups()
					.get("dispatcher")
					.get();
				long owning = group.members()
					.stream()
					.filter((member) -> !member.assignment().topicPartitions().isEmpty())
					.count();
				if (group.groupState() == GroupState.STABLE && group.members().size() == dispatchers
						&& owning == dispatchers) {
					Harness.log("throughput: every dispatcher owns some of the command partitions");
					Thread.sleep(5000);
					return;
				}
				Thread.sleep(1000);
			}
		}
		Harness.log("throughput: the dispatchers did not settle their partitions within 120 s; measuring anyway");
	}

}
