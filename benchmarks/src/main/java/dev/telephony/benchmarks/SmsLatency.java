package dev.telephony.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * (a) and (e): {@code send_sms} at low load, one client, sequential, one call every
 * {@code --sms-period-ms}, through three paths in turn, so that they see the same machine
 * at the same moment: the gateway (MCP → Kafka → dispatcher → sandbox → Kafka → MCP), the
 * baseline MCP server (MCP → sandbox), and the harness calling the sandbox with the SDK
 * (no MCP). Each call's own sandbox processing time (Tomcat access log) is subtracted to
 * get the overhead. Then, for the rate-slot wait at a low rate, {@code --sms-slow-calls}
 * sends through the gateway alone, one every {@code --sms-slow-period-ms} (1 SMS a
 * second).
 */
final class SmsLatency {

	private static final String TEXT = "Benchmark: your table for two is confirmed for 8 pm. Reply YES to keep it.";

	private static final String[] PATHS = { "gateway", "baseline", "direct" };

	private static final String[] GATEWAY_ONLY = { "gateway" };

	private static final String SLOT_WAIT_ROW = "dispatcher: rate-slot wait, asks for a slot → request written"
			+ " (**its histogram**, bucket resolution)";

	private static final String SLOT_LATENESS_ROW = "dispatcher: rate-slot lateness, slot start → request written"
			+ " (**its histogram**, bucket resolution)";

	private final Env env;

	private final Stack stack;

	private final Options options;

	private final Report report;

	SmsLatency(Env env, Stack stack, Options options, Report report) {
		this.env = env;
		this.stack = stack;
		this.options = options;
		this.report = report;
	}

	/**
	 * One send as the client saw it.
	 *
	 * @param path gateway, baseline or direct
	 * @param start when it was sent
	 * @param end when the answer arrived
	 * @param nanos elapsed
	 * @param messageUuid the provider's id, null if it failed
	 * @param commandId the gateway's command id (gateway only)
	 * @param outcome tally label
	 */
	record Send(String path, Instant start, Instant end, long nanos, String messageUuid, String commandId,
			String outcome) {
	}

	void run() throws Exception {
		int warmup = this.options.number("sms-warmup", 400);
		int calls = this.options.number("sms-calls", 600);
		Duration period = Duration.ofMillis(this.options.number("sms-period-ms", 150));
		int slowCalls = this.options.number("sms-slow-calls", 120);
		Duration slowPeriod = Duration.ofMillis(this.options.number("sms-slow-period-ms", 1000));
		this.report.heading("(a) send_sms latency at low load, and (e) the direct baseline");
		this.report.line("One MCP client, sequential: every " + period.toMillis()
				+ " ms one round of three sends, in rotating order: `send_sms` on the gateway, `send_sms` on the"
				+ " baseline MCP server (same Spring AI MCP server stack, calls the sandbox synchronously with the"
				+ " Vonage SDK, no Kafka), and the Vonage SDK called directly by the harness. " + warmup
				+ " warm-up rounds, then " + calls + " measured rounds. Provider limits at their defaults"
				+ " (30 msg/s; the sandbox sees " + String.format(Locale.ROOT, "%.0f", 3000.0 / period.toMillis())
				+ " requests/s), one dispatcher. Gateway quotas off. Each destination is a different random"
				+ " number, so commands spread over all partitions. The gateway's commands reach the dispatcher at "
				+ perSecond(period) + " a second.");
		if (slowCalls > 0) {
			// The rate-slot question is about a quiet dispatcher (at 1 SMS a second no
			// command should wait for a slot many slots away): the rounds above send
			// several a second, so a phase of its own at the low rate.
			this.report.line("Then a low-rate phase for the rate-slot wait: " + slowCalls
					+ " `send_sms` through the gateway alone, one every " + slowPeriod.toMillis() + " ms ("
					+ perSecond(slowPeriod) + " SMS a second), with its own per-segment table.");
		}
		DirectSms direct = new DirectSms(Keys.APPLICATION_ID, this.env.keys().privateKey(), Env.sandboxUrl(),
				Env.ingestUrl());
		try (Mcp gateway = Mcp.connect(this.stack.gateway().baseUrl(), Duration.ofSeconds(60));
				Mcp baseline = Mcp.connect(this.stack.baseline().baseUrl(), Duration.ofSeconds(60));
				KafkaTap tap = new KafkaTap(this.env.bootstrap())) {
			Harness.log("sms-latency: " + warmup + " warm-up rounds");
			rounds(warmup, period, PATHS, gateway, baseline, direct);
			Harness.log("sms-latency: " + calls + " measured rounds");
			DispatcherScrape before = DispatcherScrape.of(this.stack.dispatchers());
			CpuMeter cpu = new CpuMeter(this.stack.processes());
			List<Send> sends = rounds(calls, period, PATHS, gateway, baseline, direct);
			String cpuReport = cpu.report();
			Thread.sleep(3000);
			DispatcherScrape after = DispatcherScrape.of(this.stack.dispatchers());
			analyse(sends, tap, before, after, period);
			this.report.subheading("CPU during the measured rounds");
			this.report.table(cpuReport);
			if (slowCalls > 0) {
				Harness.log("sms-latency: " + slowCalls + " gateway sends, one every " + slowPeriod.toMillis() + " ms");
				DispatcherScrape slowBefore = DispatcherScrape.of(this.stack.dispatchers());
				List<Send> slow = rounds(slowCalls, slowPeriod, GATEWAY_ONLY, gateway, baseline, direct);
				Thread.sleep(3000);
				DispatcherScrape slowAfter = DispatcherScrape.of(this.stack.dispatchers());
				analyseSlow(slow, tap, slowBefore, slowAfter, slowPeriod);
			}
		}
	}

	private List<Send> rounds(int rounds, Duration period, String[] paths, Mcp gateway, Mcp baseline, DirectSms direct)
			throws InterruptedException {
		List<Send> sends = new ArrayList<>();
		long next = System.nanoTime();
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < paths.length; i++) {
				String path = paths[(round + i) % paths.length];
				String to = Numbers.random(Numbers.PLAIN);
				sends.add(switch (path) {
					case "gateway" -> mcp(path, gateway, to);
					case "baseline" -> mcp(path, baseline, to);
					default -> direct(direct, to);
				});
			}
			next += period.toNanos();
			long sleep = next - System.nanoTime();
			if (sleep > 0) {
				Thread.sleep(Duration.ofNanos(sleep));
			}
		}
		return sends;
	}

	private static Send mcp(String path, Mcp mcp, String to) {
		Mcp.Call call = mcp.call("send_sms", Map.of("to", "+" + to, "text", TEXT));
		return new Send(path, call.start(), call.end(), call.nanos(), call.ok() ? call.fact("message_uuid") : null,
				call.fact("command_id"), call.outcome());
	}

	private static Send direct(DirectSms direct, String to) {
		Instant start = Instant.now();
		long began = System.nanoTime();
		try {
			String uuid = direct.send(Env.DEFAULT_FROM, to, TEXT);
			long nanos = System.nanoTime() - began;
			return new Send("direct", start, Instant.now(), nanos, uuid, null, "ok");
		}
		catch (RuntimeException ex) {
			long nanos = System.nanoTime() - began;
			return new Send("direct", start, Instant.now(), nanos, null, null,
					"error " + ex.getClass().getSimpleName());
		}
	}

	private void analyse(List<Send> sends, KafkaTap tap, DispatcherScrape before, DispatcherScrape after,
			Duration period) throws Exception {
		Map<String, Instant> journaled = journaled();
		List<AccessLog.Entry> access = this.stack.accessLog().entries();
		Map<String, Latency> latency = new HashMap<>();
		Map<String, Latency> sandbox = new HashMap<>();
		Map<String, Latency> overhead = new HashMap<>();
		Map<String, Latency> outbound = new HashMap<>();
		Map<String, Latency> inbound = new HashMap<>();
		for (String path : PATHS) {
			outbound.put(path, new Latency(label(path) + ": client sent → sandbox journals the request"));
			inbound.put(path, new Latency(label(path) + ": sandbox journals the request → result at the client"));
			latency.put(path, new Latency(label(path) + ": latency at the client"));
			sandbox.put(path, new Latency(label(path) + ": sandbox processing (its Tomcat access log)"));
			overhead.put(path, new Latency("**" + label(path) + ": overhead = latency − sandbox processing**"));
		}
		Segments segments = new Segments();
		Map<String, Integer> outcomes = new TreeMap<>();
		int unmatched = 0;
		for (Send send : sends) {
			outcomes.merge(send.path() + ": " + send.outcome(), 1, Integer::sum);
			if (send.messageUuid() == null) {
				continue;
			}
			Instant journal = journaled.get(send.messageUuid());
			AccessLog.Entry request = (journal != null)
					? AccessLog.match(access, "POST", "/v1/messages", journal).orElse(null) : null;
			if (request == null) {
				unmatched++;
				continue;
			}
			long micros = send.nanos() / 1000;
			latency.get(send.path()).recordMicros(micros);
			sandbox.get(send.path()).recordMicros(request.micros());
			overhead.get(send.path()).recordMicros(micros - request.micros());
			outbound.get(send.path()).recordMicros(micros(send.start(), journal));
			inbound.get(send.path()).recordMicros(micros(journal, send.end()));
			if (send.path().equals("gateway")) {
				segments.record(send, journal, tap);
			}
		}
		this.report.subheading("Results");
		this.report.table(Latency.table(latency.get("gateway"), latency.get("baseline"), latency.get("direct"),
				sandbox.get("gateway"), sandbox.get("baseline"), sandbox.get("direct"), overhead.get("gateway"),
				overhead.get("baseline"), overhead.get("direct")));
		this.report.line("Where the gateway's time goes (per call, from the timestamps the gateway and dispatcher put"
				+ " on the commands and events topics, and the sandbox journal; one clock, one machine), at "
				+ perSecond(period) + " gateway SMS a second:");
		segments.report(before, after, "the measured rounds");
		this.report.line("The same two halves on every path, split where the sandbox journals the request, so that"
				+ " the gap to the baseline is seen on the way out (MCP, Kafka, the rate slot) and on the way back"
				+ " (the sandbox's answer, Kafka, the wake-up, MCP) apart:");
		this.report.table(Latency.table(outbound.get("gateway"), outbound.get("baseline"), outbound.get("direct"),
				inbound.get("gateway"), inbound.get("baseline"), inbound.get("direct")));
		StringBuilder ratios = new StringBuilder(
				"| percentile | gateway latency | baseline latency | gateway ÷ baseline | gateway − baseline (the Kafka hops and the rest of the gateway) |\n"
						+ "| --- | ---: | ---: | ---: | ---: |\n");
		for (double percentile : new double[] { 50, 95, 99 }) {
			double g = latency.get("gateway").percentileMillis(percentile);
			double b = latency.get("baseline").percentileMillis(percentile);
			ratios.append(String.format(Locale.ROOT, "| p%.0f | %s ms | %s ms | %.1f× | %s ms |%n", percentile,
					Latency.ms(g), Latency.ms(b), g / b, Latency.ms(g - b)));
		}
		this.report.line("Ratios (the baseline does the same provider call with the same SDK, minus Kafka):");
		this.report.table(ratios.toString());
		// Issue 18's targets are against the baseline of the same run, so that the
		// machine's own speed cancels out.
		double overP50 = latency.get("gateway").percentileMillis(50) - latency.get("baseline").percentileMillis(50);
		double overP99 = latency.get("gateway").percentileMillis(99) - latency.get("baseline").percentileMillis(99);
		this.report.line(String.format(Locale.ROOT,
				"Targets: gateway p50 ≤ baseline p50 + 5 ms: **%s** (+%s ms); p99 ≤ baseline p99 + 15 ms: **%s**"
						+ " (+%s ms).",
				(overP50 <= 5) ? "met" : "missed", Latency.ms(overP50), (overP99 <= 15) ? "met" : "missed",
				Latency.ms(overP99)));
		StringBuilder tally = new StringBuilder("| path: outcome | calls |\n| --- | ---: |\n");
		outcomes
			.forEach((outcome, count) -> tally.append("| ").append(outcome).append(" | ").append(count).append(" |\n"));
		this.report.line("Outcomes (measured rounds); " + unmatched
				+ " successful sends could not be matched to a sandbox request and are left out:");
		this.report.table(tally.toString());
	}

	/**
	 * The low-rate phase: gateway sends only, so the dispatcher sees nothing but them,
	 * and its slot timers are this phase's alone.
	 */
	private void analyseSlow(List<Send> sends, KafkaTap tap, DispatcherScrape before, DispatcherScrape after,
			Duration period) throws Exception {
		Map<String, Instant> journaled = journaled();
		List<AccessLog.Entry> access = this.stack.accessLog().entries();
		Latency latency = new Latency(label("gateway") + ": latency at the client");
		Latency overhead = new Latency("**" + label("gateway") + ": overhead = latency − sandbox processing**");
		Segments segments = new Segments();
		Map<String, Integer> outcomes = new TreeMap<>();
		int unmatched = 0;
		for (Send send : sends) {
			outcomes.merge(send.outcome(), 1, Integer::sum);
			Instant journal = (send.messageUuid() != null) ? journaled.get(send.messageUuid()) : null;
			AccessLog.Entry request = (journal != null)
					? AccessLog.match(access, "POST", "/v1/messages", journal).orElse(null) : null;
			if (request == null) {
				if (send.messageUuid() != null) {
					unmatched++;
				}
				continue;
			}
			long micros = send.nanos() / 1000;
			latency.recordMicros(micros);
			overhead.recordMicros(micros - request.micros());
			segments.record(send, journal, tap);
		}
		this.report.subheading("At " + perSecond(period) + " SMS a second: where the gateway's time goes, and the"
				+ " rate-slot wait");
		this.report.line(sends.size() + " `send_sms` through the gateway alone, one every " + period.toMillis()
				+ " ms (nothing else running through the stack), after the rounds above. At this rate a command"
				+ " should get one of the next slot or two (34 ms each at the default 30 msg/s), not one many slots"
				+ " away: compare the slot-wait row with that.");
		this.report.table(Latency.table(latency, overhead));
		segments.report(before, after, "this phase");
		StringBuilder tally = new StringBuilder("| outcome | calls |\n| --- | ---: |\n");
		outcomes
			.forEach((outcome, count) -> tally.append("| ").append(outcome).append(" | ").append(count).append(" |\n"));
		this.report.line("Outcomes; " + unmatched
				+ " successful sends could not be matched to a sandbox request and are left out:");
		this.report.table(tally.toString());
	}

	/** Message id → when the sandbox journaled its request. */
	private static Map<String, Instant> journaled() throws Exception {
		Map<String, Instant> journaled = new HashMap<>();
		for (SandboxAdmin.Entry entry : new SandboxAdmin(Env.sandboxUrl()).journal("kind=request")) {
			if (entry.messageUuid() != null) {
				journaled.put(entry.messageUuid(), entry.time());
			}
		}
		return journaled;
	}

	private static String perSecond(Duration period) {
		return String.format(Locale.ROOT, "%.1f", 1000.0 / period.toMillis());
	}

	/**
	 * Where a gateway send's time goes, from the timestamps on the topics and the sandbox
	 * journal, plus the dispatcher's own slot timers over the same rounds.
	 */
	private final class Segments {

		private final Latency toCommand = new Latency(
				"gateway: client sent → command created (MCP, validation, policy)");

		private final Latency toProvider = new Latency(
				"gateway: command created → dispatcher starts the provider request (Kafka, rate slot)");

		private final Latency providerLeg = new Latency(
				"gateway: dispatcher starts the request → sandbox journals it (JWT signing, HTTP, sandbox auth)");

		private final Latency back = new Latency(
				"gateway: sandbox journals it → result at the client (sandbox answer, Kafka, wake-up, MCP)");

		private final Latency toOutcome = new Latency(
				"… of which: sandbox journals it → outcome read off the events topic (sandbox answer, dispatcher, Kafka)");

		private final Latency outcomeToClient = new Latency(
				"… and: outcome read off the events topic → result at the client (the gateway's read, wake-up, MCP)");

		void record(Send send, Instant journal, KafkaTap tap) {
			if (send.commandId() == null) {
				return;
			}
			Instant created = tap.created(send.commandId());
			Instant started = tap.providerStarted(send.commandId());
			if (created != null && started != null) {
				this.toCommand.recordMicros(micros(send.start(), created));
				this.toProvider.recordMicros(micros(created, started));
				this.providerLeg.recordMicros(micros(started, journal));
				this.back.recordMicros(micros(journal, send.end()));
				Instant outcome = tap.outcomeRead(send.commandId());
				if (outcome != null) {
					this.toOutcome.recordMicros(micros(journal, outcome));
					this.outcomeToClient.recordMicros(micros(outcome, send.end()));
				}
			}
		}

		/**
		 * The table, with the slot rows below the per-command ones, and what those rows
		 * are.
		 */
		void report(DispatcherScrape before, DispatcherScrape after, String over) {
			Optional<BucketHistogram> wait = BucketHistogram.between(before, after, DispatcherScrape.SLOT_WAIT,
					"send_message");
			Optional<BucketHistogram> lateness = BucketHistogram.between(before, after, DispatcherScrape.SLOT_LATENESS,
					"send_message");
			SmsLatency.this.report.table(Latency.table(this.toCommand, this.toProvider, this.providerLeg, this.back,
					this.toOutcome, this.outcomeToClient) + BucketHistogram.row(wait, SLOT_WAIT_ROW)
					+ BucketHistogram.row(lateness, SLOT_LATENESS_ROW));
			if (wait.isEmpty() && lateness.isEmpty()) {
				SmsLatency.this.report
					.line("The two slot rows are n/a: the dispatcher does not publish `" + DispatcherScrape.SLOT_WAIT
							+ "` or `" + DispatcherScrape.SLOT_LATENESS + "` (an older build).");
				return;
			}
			SmsLatency.this.report.line("The two slot rows are **not** per-command timestamps: they are what the"
					+ " dispatcher's timers `" + DispatcherScrape.SLOT_WAIT + "` and `" + DispatcherScrape.SLOT_LATENESS
					+ "` (operation `send_message`) recorded over " + over + " (its /actuator/prometheus before and"
					+ " after, bucket counts subtracted), so n counts provider requests, retries included."
					+ " Percentiles are interpolated linearly inside the histogram's buckets, so they are only as"
					+ " fine as those (slot wait: p50 in " + wait.map((h) -> h.bucket(0.50)).orElse("n/a") + ", p99 in "
					+ wait.map((h) -> h.bucket(0.99)).orElse("n/a") + "; lateness: p50 in "
					+ lateness.map((h) -> h.bucket(0.50)).orElse("n/a") + ", p99 in "
					+ lateness.map((h) -> h.bucket(0.99)).orElse("n/a") + "); mean from `_sum` / `_count`; max from"
					+ " the `_max` gauge where it lies in the highest bucket filled, else that bucket's bound (≤).");
		}

	}

	private static long micros(Instant from, Instant to) {
		return Duration.between(from, to).toNanos() / 1000;
	}

	private static String label(String path) {
		return switch (path) {
			case "gateway" -> "gateway send_sms";
			case "baseline" -> "baseline send_sms";
			default -> "direct SDK call";
		};
	}

}
