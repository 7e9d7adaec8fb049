package dev.telephony.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (d) Many concurrent waiting {@code voice_call_with_input} calls on one gateway: every
 * callee answers 30 s after its call was created, so the calls all wait at once. Reports
 * the success ratio, the most calls waiting at once, the gateway's heap (sampled, and
 * live after a full GC at the peak) and its resident set size.
 */
final class Waiters {

	private final Env env;

	private final Stack stack;

	private final Options options;

	private final Report report;

	private final int calls;

	private boolean carried;

	Waiters(Env env, Stack stack, Options options, Report report, int calls) {
		this.env = env;
		this.stack = stack;
		this.options = options;
		this.report = report;
		this.calls = calls;
	}

	/** Whether the gateway answered at least 99 % of the calls and survived. */
	boolean carried() {
		return this.carried;
	}

	/**
	 * Limits raised so that the provider side can create the calls fast enough; the
	 * gateway keeps its 512 MB heap.
	 */
	static Stack.Settings settings(Options options, int calls) {
		Stack.Settings settings = Stack.Settings.defaults("waiters-" + calls)
			.withSandbox("--sandbox.limits.create-call-per-second=2000", "--sandbox.limits.messages-per-second=2000",
					"--server.tomcat.max-connections=20000", "--server.tomcat.threads.max=2000")
			.withDispatcher("--telephony.dispatcher.rate-limits.create-call-per-second=1000",
					"--telephony.dispatcher.rate-limits.messages-per-second=1000")
			.withIngest("--server.tomcat.max-connections=20000", "--server.tomcat.threads.max=2000")
			// The gateway runs on Jetty with its own limits (admission, backlog): nothing
			// raised for it but the waits below.
			// The simulator holds every call and a journal entry per webhook: more room
			// than run-local's 384 MB.
			.withServiceJvm("-Xmx1g");
		int patience = options.number("waiters-max-wait", 480);
		if (patience > 0) {
			// The dispatchers cannot place thousands of calls inside the default 30 s
			// command deadline and 45 s wait: let the tool calls wait for the queue.
			settings = settings.withGateway("--telephony.gateway.command-ttl=" + patience + "s",
					"--telephony.gateway.max-wait=" + patience + "s",
					"--telephony.gateway.max-wait-cap=" + patience + "s");
		}
		return Harness.tuned(settings, options).withDispatchers(options.number("waiters-dispatchers", 3));
	}

	/**
	 * One sample of the gateway.
	 *
	 * @param at seconds since the first call
	 * @param inFlight tool calls not yet answered, as the client counts them
	 * @param waiting the gateway's telephony_mcp_waiting gauge
	 * @param heap heap used, bytes
	 * @param rss resident set size, bytes
	 */
	private record Sample(double at, int inFlight, double waiting, double heap, long rss, double queueWait) {
	}

	void run() throws Exception {
		int calls = this.calls;
		// Fast enough to start them all within 25 s, before the first callees answer.
		int rate = this.options.number("waiters-rate", Math.max(100, this.calls / 25));
		int sessionCount = this.options.number("waiters-sessions", 100);
		int answerMs = this.options.number("waiters-answer-ms", 30_000);
		int patience = this.options.number("waiters-max-wait", 480);
		int timeoutSeconds = (patience > 0) ? patience : 120;
		SandboxAdmin admin = new SandboxAdmin(Env.sandboxUrl());
		admin.putScenario(Numbers.SLOW_ANSWER + "*", "{\"voice\": {\"outcome\": \"answer\", \"after_ms\": " + answerMs
				+ ", \"say\": \"Yes.\", \"confidence\": 0.9}}");
		this.report.heading("(d) " + calls + " concurrent waiting voice_call_with_input on one gateway");
		this.report.line(calls + " `voice_call_with_input` calls (speech, `timeout_seconds` " + timeoutSeconds
				+ ") started at " + rate + "/s over " + sessionCount
				+ " MCP sessions (MCP Java SDK client, Streamable HTTP; each call holds its"
				+ " HTTP connection until the result). The sandbox callee answers " + answerMs / 1000
				+ " s after the call is created, then the prompt plays and the callee speaks (≈ 3 s). Raised for this"
				+ " run only: " + String.join(" ", this.stack.settings().sandbox()) + " (sandbox); "
				+ this.stack.settings().dispatchers() + " dispatcher(s) with "
				+ String.join(" ", this.stack.settings().dispatcher()) + " (dispatcher); "
				+ String.join(" ", this.stack.settings().gateway())
					.replaceAll("--telephony.gateway.policy.quotas.\\S+", "")
					.strip()
				+ " and all quotas 0 (gateway, JVM " + String.join(" ", this.stack.settings().gatewayJvm()) + ").");
		Child gateway = this.stack.gateway();
		warmUp(admin);
		List<Mcp> sessions = connect(sessionCount, Math.max(200, timeoutSeconds + 60));
		Mcp.Call[] results = new Mcp.Call[calls];
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger done = new AtomicInteger();
		CountDownLatch finished = new CountDownLatch(calls);
		List<Sample> samples = new ArrayList<>();
		Instant start = Instant.now();
		long startNanos = System.nanoTime();
		CpuMeter cpu = new CpuMeter(this.stack.processes());
		AtomicLong peakRss = new AtomicLong();
		Thread sampler = Thread.ofPlatform().daemon().name("sampler").start(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				try {
					Sample sample = sample(gateway, startNanos, inFlight.get());
					peakRss.accumulateAndGet(Proc.statusKb(gateway.pid(), "VmHWM") * 1024, Math::max);
					synchronized (samples) {
						samples.add(sample);
					}
					if (samples.size() % 5 == 1) {
						Harness.log(String.format(Locale.ROOT,
								"waiters: t=%.0fs in flight %d, done %d, gateway waiting %.0f, heap %.0f MB, RSS %d MB",
								sample.at(), sample.inFlight(), done.get(), sample.waiting(), sample.heap() / 1e6,
								sample.rss() / 1_000_000));
					}
					Thread.sleep(1000);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		try {
			Harness.log("waiters: starting " + calls + " calls at " + rate + "/s");
			for (int i = 0; i < calls; i++) {
				long due = startNanos + (long) (i * 1e9 / rate);
				long sleep = due - System.nanoTime();
				if (sleep > 0) {
					Thread.sleep(Duration.ofNanos(sleep));
				}
				int index = i;
				Mcp session = sessions.get(i % sessions.size());
				Thread.ofVirtual().start(() -> {
					inFlight.incrementAndGet();
					try {
						results[index] = session.call("voice_call_with_input",
								Map.of("to", "+" + Numbers.nth(Numbers.SLOW_ANSWER, index), "prompt_message", "Hello?",
										"input_type", "speech", "timeout_seconds", timeoutSeconds));
					}
					finally {
						inFlight.decrementAndGet();
						done.incrementAndGet();
						finished.countDown();
					}
				});
			}
			double submitted = (System.nanoTime() - startNanos) / 1e9;
			Harness.log(String.format(Locale.ROOT, "waiters: all %d started after %.1f s", calls, submitted));
			// The peak: every call started, none answered yet (the first answers
			// answerMs after it was created). A full GC there shows the live heap of the
			// waiters.
			long peakAt = startNanos + Math.max(0, (long) ((answerMs - 2000) * 1e6));
			if (System.nanoTime() < peakAt && done.get() == 0) {
				Thread.sleep(Duration.ofNanos(Math.min(peakAt - System.nanoTime(), 3_000_000_000L)));
			}
			int inFlightAtGc = inFlight.get();
			Sample beforeGc = sample(gateway, startNanos, inFlightAtGc);
			boolean histogramWanted = this.options.number("waiters-histogram", 1) != 0;
			String histogram = (gateway.isAlive() && histogramWanted)
					? Jcmd.histogram(this.env.java(), gateway.pid(), 25) : "";
			Sample afterGc = sample(gateway, startNanos, inFlight.get());
			Harness.log(String.format(Locale.ROOT,
					"waiters: at the peak %d in flight, gateway waiting %.0f; heap %.0f MB"
							+ " before a full GC, %.0f MB after",
					inFlightAtGc, beforeGc.waiting(), beforeGc.heap() / 1e6, afterGc.heap() / 1e6));
			// Bounded so that a gateway that thrashes instead of dying cannot hold the
			// run for long.
			long waitMillis = Math.min(answerMs + 1000L * timeoutSeconds + 120_000L,
					Math.max(60_000L, 540_000L - (long) (submitted * 1000)));
			boolean all = finished.await(waitMillis, TimeUnit.MILLISECONDS);
			double elapsed = (System.nanoTime() - startNanos) / 1e9;
			sampler.interrupt();
			sampler.join();
			String cpuReport = cpu.report();
			boolean alive = gateway.isAlive();
			analyse(results, samples, beforeGc, afterGc, inFlightAtGc, submitted, elapsed, all, peakRss.get(), alive,
					start);
			if (!alive) {
				this.report.line("**The gateway died.** Last lines of its log:");
				this.report.table("```\n" + gateway.tail(3) + "\n```");
			}
			if (!histogram.isBlank()) {
				this.report
					.line("The gateway's live heap at the peak, biggest classes (`jcmd GC.class_histogram`, after"
							+ " a full GC, " + inFlightAtGc + " calls in flight):");
				this.report.table(histogram);
			}
			this.report.subheading("CPU during the run");
			this.report.table(cpuReport);
		}
		finally {
			sampler.interrupt();
			sessions.forEach(Mcp::close);
		}
	}

	/**
	 * A few quick calls first, so that the gateway's producer knows the topics and the
	 * JIT has seen the path (the first calls after start-up otherwise fail under a burst:
	 * see the report).
	 */
	private void warmUp(SandboxAdmin admin) throws Exception {
		admin.putScenario(Numbers.VOICE_ANSWER + "*",
				"{\"voice\": {\"outcome\": \"answer\", \"after_ms\": 200, \"say\": \"Yes.\", \"confidence\": 0.9}}");
		Harness.log("waiters: warm-up, 40 quick calls");
		try (Mcp mcp = Mcp.connect(this.stack.gateway().baseUrl(), Duration.ofSeconds(120))) {
			List<Thread> threads = new ArrayList<>();
			AtomicInteger next = new AtomicInteger();
			for (int client = 0; client < 20; client++) {
				threads.add(Thread.ofVirtual().start(() -> {
					for (int n = next.getAndIncrement(); n < 40; n = next.getAndIncrement()) {
						mcp.call("voice_call_with_input",
								Map.of("to", "+" + Numbers.nth(Numbers.VOICE_ANSWER, 800_000 + n), "prompt_message",
										"Hi?", "input_type", "speech", "timeout_seconds", 60));
					}
				}));
			}
			for (Thread thread : threads) {
				thread.join();
			}
		}
	}

	private List<Mcp> connect(int count, int timeoutSeconds) {
		List<Mcp> sessions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			sessions.add(Mcp.connect(this.stack.gateway().baseUrl(), Duration.ofSeconds(timeoutSeconds)));
		}
		return sessions;
	}

	private static Sample sample(Child gateway, long startNanos, int inFlight) throws InterruptedException {
		double waiting = Double.NaN;
		double heap = Double.NaN;
		double queueWait = Double.NaN;
		String text = HttpText.get(gateway.baseUrl() + "/actuator/prometheus").orElse("");
		if (!text.isEmpty()) {
			Prometheus metrics = Prometheus.parse(text);
			waiting = metrics.sum("telephony_mcp_waiting");
			heap = metrics.sum("jvm_memory_used_bytes", (sample) -> sample.label("area").equals("heap"));
			queueWait = metrics.sum("telephony_mcp_requests_queue_oldest_seconds");
		}
		return new Sample((System.nanoTime() - startNanos) / 1e9, inFlight, waiting, heap, gateway.rssBytes(),
				queueWait);
	}

	private void analyse(Mcp.Call[] results, List<Sample> samples, Sample beforeGc, Sample afterGc, int inFlightAtGc,
			double submitted, double elapsed, boolean all, long peakRss, boolean alive, Instant start)
			throws Exception {
		int calls = results.length;
		Map<String, Integer> outcomes = new TreeMap<>();
		Latency latency = new Latency("voice_call_with_input, answered with speech: tool call latency");
		Latency refusal = new Latency("voice_call_with_input, refused at capacity: tool call latency");
		Latency connectionRefusal = new Latency(
				"voice_call_with_input, refused at a new connection (HTTP 503: connection limit or queue wait): latency");
		int success = 0;
		int otherAnswers = 0;
		int refused = 0;
		int refusedConnections = 0;
		for (Mcp.Call call : results) {
			if (call == null) {
				outcomes.merge("no answer within the harness's wait", 1, Integer::sum);
				continue;
			}
			if (call.result() == null && call.failure().startsWith("JSON-RPC error -32053: ")
					&& call.failure().contains("at capacity")) {
				// The gateway's connection limit, or its request queue's wait: HTTP 503
				// with Retry-After, before the request was read, nothing sent.
				outcomes.merge(call.failure().contains("to start)") ? "HTTP 503 while requests wait too long to start"
						: "HTTP 503 at the connection limit", 1, Integer::sum);
				refusedConnections++;
				connectionRefusal.recordNanos(call.nanos());
				continue;
			}
			String outcome = call.outcome();
			outcomes.merge(outcome, 1, Integer::sum);
			if (call.ok() && call.factObject("speech") != null) {
				success++;
				latency.recordNanos(call.nanos());
			}
			else if (call.ok()) {
				// The tool's own answer without speech (the call ended first, say).
				otherAnswers++;
			}
			else if (outcome.contains("at capacity")) {
				// The gateway's admission limit: a clear, retryable refusal, nothing
				// sent.
				refused++;
				refusal.recordNanos(call.nanos());
			}
		}
		this.carried = success >= 0.99 * calls && alive;
		int maxInFlight = Math.max(inFlightAtGc, samples.stream().mapToInt(Sample::inFlight).max().orElse(0));
		double maxWaiting = samples.stream().mapToDouble(Sample::waiting).filter(Double::isFinite).max().orElse(0);
		double maxHeap = samples.stream().mapToDouble(Sample::heap).filter(Double::isFinite).max().orElse(0);
		long maxRss = samples.stream().mapToLong(Sample::rss).max().orElse(0);
		double maxQueueWait = samples.stream()
			.mapToDouble(Sample::queueWait)
			.filter(Double::isFinite)
			.max()
			.orElse(Double.NaN);
		List<SandboxAdmin.Entry> created = new SandboxAdmin(Env.sandboxUrl()).journal("kind=request")
			.stream()
			.filter((entry) -> "POST".equals(entry.method()) && "/v1/calls".equals(entry.path())
					&& entry.time().isAfter(start))
			.toList();
		String placement = created.isEmpty() ? "none" : String.format(Locale.ROOT,
				"%d calls created by the sandbox between %.1f s and %.1f s (%.0f/s)", created.size(),
				Duration.between(start, created.getFirst().time()).toMillis() / 1000.0,
				Duration.between(start, created.getLast().time()).toMillis() / 1000.0, created.size() / Math.max(0.001,
						Duration.between(created.getFirst().time(), created.getLast().time()).toMillis() / 1000.0));
		this.report.subheading("Results");
		this.report.table(String.format(Locale.ROOT,
				"""
						| measure | value |
						| --- | ---: |
						| calls started | %d (in %.1f s) |
						| provider side | %s |
						| **answered with the callee's speech** | **%d (%.2f %%)** |
						| answered otherwise (the tool's result without speech) | %d |
						| refused by the gateway's admission limit ("at capacity", nothing sent) | %d |
						| refused at a new connection (HTTP 503, Retry-After, nothing sent: connection limit or queue wait) | %d |
						| **every call answered or refused** | **%s** |
						| most tool calls in flight at once (client) | %d |
						| most waiting at once (gateway's telephony_mcp_waiting, 1 s samples) | %.0f |
						| in flight when the full GC ran | %d |
						| longest wait of request work for a thread (telephony_mcp_requests_queue_oldest_seconds, max of 1 s samples) | %.1f s |
						| **gateway heap used, max of 1 s samples** (jvm_memory_used_bytes, area=heap) | **%.0f MB** |
						| gateway heap used just before / after a full GC at the peak (live set) | %.0f MB / **%.0f MB** |
						| **gateway RSS, max of 1 s samples** (VmRSS) / peak (VmHWM) | **%.0f MB** / %.0f MB |
						| gateway still running at the end | %s |
						| all calls finished within the harness's wait | %s (after %.0f s) |
						""",
				calls, submitted, placement, success, 100.0 * success / calls, otherAnswers, refused,
				refusedConnections,
				(success + otherAnswers + refused + refusedConnections == calls) && alive ? "yes" : "no", maxInFlight,
				maxWaiting, inFlightAtGc, maxQueueWait, maxHeap / 1e6, beforeGc.heap() / 1e6, afterGc.heap() / 1e6,
				maxRss / 1e6, peakRss / 1e6, alive, all, elapsed));
		this.report.table(Latency.table(latency, refusal, connectionRefusal));
		this.report.line(String.format(Locale.ROOT, "Target: %d waiters with heap ≤ 512 MB: **%s**.", calls,
				(success == calls && maxInFlight >= calls * 0.99 && maxHeap <= 512e6) ? "met" : "see the figures"));
		StringBuilder tally = new StringBuilder("| outcome | calls |\n| --- | ---: |\n");
		outcomes
			.forEach((outcome, count) -> tally.append("| ").append(outcome).append(" | ").append(count).append(" |\n"));
		this.report.table(tally.toString());
		StringBuilder series = new StringBuilder(
				"| t s | in flight | gateway waiting | heap MB | RSS MB |\n| ---: | ---: | ---: | ---: | ---: |\n");
		synchronized (samples) {
			for (int i = 0; i < samples.size(); i += 5) {
				Sample sample = samples.get(i);
				series.append(String.format(Locale.ROOT, "| %.0f | %d | %.0f | %.0f | %d |%n", sample.at(),
						sample.inFlight(), sample.waiting(), sample.heap() / 1e6, sample.rss() / 1_000_000));
			}
		}
		this.report.line("Every fifth 1 s sample:");
		this.report.table(series.toString());
	}

}
