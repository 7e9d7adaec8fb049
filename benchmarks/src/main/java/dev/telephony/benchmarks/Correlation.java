package dev.telephony.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * (b) Correlation latency: from webhook-ingest receiving the webhook that answers a
 * waiting tool call (the event's {@code receivedAt}, read from the events topic) to the
 * tool result arriving at the MCP client. Measured on {@code sms_with_input} (the
 * recipient's reply, an inbound-message webhook) and {@code voice_call_with_input} (the
 * callee's speech, an input webhook), with the gateway's own
 * {@code telephony_correlation_latency_seconds} histogram (ingest → waiting tool woken)
 * read before and after.
 */
final class Correlation {

	private static final String METRIC = "telephony_correlation_latency_seconds";

	private final Env env;

	private final Stack stack;

	private final Options options;

	private final Report report;

	Correlation(Env env, Stack stack, Options options, Report report) {
		this.env = env;
		this.stack = stack;
		this.options = options;
		this.report = report;
	}

	/**
	 * A tool call and its destination.
	 *
	 * @param to destination digits
	 * @param call the call
	 */
	record Sent(String to, Mcp.Call call) {
	}

	void run() throws Exception {
		int smsCalls = this.options.number("correlation-sms", 300);
		int voiceCalls = this.options.number("correlation-voice", 120);
		int smsClients = 4;
		int voiceClients = 6;
		SandboxAdmin admin = new SandboxAdmin(Env.sandboxUrl());
		admin.putScenario(Numbers.SMS_REPLY + "*",
				"{\"sms\": {\"outcome\": \"delivered\", \"reply\": \"Yes, see you then.\", \"reply_after_ms\": 100}}");
		admin.putScenario(Numbers.VOICE_ANSWER + "*",
				"{\"voice\": {\"outcome\": \"answer\", \"after_ms\": 500, \"say\": \"Yes, that works.\", \"confidence\": 0.9}}");
		this.report.heading("(b) Correlation latency: webhook accepted by ingest → waiting tool returns");
		this.report.line("`sms_with_input`: " + smsCalls + " calls by " + smsClients
				+ " concurrent clients, each sequential; the sandbox recipient replies 100 ms after delivery."
				+ " `voice_call_with_input` (speech): " + voiceCalls + " calls by " + voiceClients
				+ " concurrent clients; the callee answers after 0.5 s and speaks. Provider limits at their defaults,"
				+ " one dispatcher. Client-side figure: result at the MCP client − `receivedAt` of the waking event"
				+ " (set by webhook-ingest when the webhook arrived; read from `telephony.events.v1`). Server-side:"
				+ " the gateway's `" + METRIC + "` histogram (ingest → waiting tool woken), before/after delta.");
		try (Mcp mcp = Mcp.connect(this.stack.gateway().baseUrl(), Duration.ofSeconds(120));
				KafkaTap tap = new KafkaTap(this.env.bootstrap())) {
			Harness.log("correlation: warm-up");
			runAll(mcp, 40, smsClients, (n) -> sms(Numbers.nth(Numbers.SMS_REPLY, 900_000 + n)));
			runAll(mcp, 12, voiceClients, (n) -> voice(Numbers.nth(Numbers.VOICE_ANSWER, 900_000 + n)));
			Prometheus before = Prometheus.scrape(this.stack.gateway().baseUrl());
			CpuMeter cpu = new CpuMeter(this.stack.processes());
			Harness.log("correlation: " + smsCalls + " sms_with_input");
			List<Sent> sms = runAll(mcp, smsCalls, smsClients, (n) -> sms(Numbers.nth(Numbers.SMS_REPLY, n)));
			Harness.log("correlation: " + voiceCalls + " voice_call_with_input");
			List<Sent> voice = runAll(mcp, voiceCalls, voiceClients,
					(n) -> voice(Numbers.nth(Numbers.VOICE_ANSWER, n)));
			String cpuReport = cpu.report();
			Thread.sleep(2000);
			Prometheus after = Prometheus.scrape(this.stack.gateway().baseUrl());
			analyse(sms, voice, tap, before, after);
			this.report.subheading("CPU during the measured calls");
			this.report.table(cpuReport);
		}
	}

	/** A tool and its arguments for destination {@code to}. */
	private record Request(String to, String tool, Map<String, Object> arguments) {
	}

	private static Request sms(String to) {
		return new Request(to, "sms_with_input",
				Map.of("to", "+" + to, "text", "Are you free on Tuesday at ten?", "timeout_seconds", 30));
	}

	private static Request voice(String to) {
		return new Request(to, "voice_call_with_input", Map.of("to", "+" + to, "prompt_message",
				"Is Tuesday at ten fine?", "input_type", "speech", "timeout_seconds", 60));
	}

	private static List<Sent> runAll(Mcp mcp, int calls, int clients, IntFunction<Request> requests)
			throws InterruptedException {
		List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger next = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		for (int client = 0; client < clients; client++) {
			threads.add(Thread.ofVirtual().start(() -> {
				for (int n = next.getAndIncrement(); n < calls; n = next.getAndIncrement()) {
					Request request = requests.apply(n);
					sent.add(new Sent(request.to(), mcp.call(request.tool(), request.arguments())));
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		return sent;
	}

	private void analyse(List<Sent> sms, List<Sent> voice, KafkaTap tap, Prometheus before, Prometheus after) {
		Latency smsCorrelation = new Latency("**sms_with_input: inbound webhook at ingest → result at the client**");
		Latency smsTool = new Latency("sms_with_input: whole tool call (send, deliver, 100 ms, reply)");
		Latency voiceCorrelation = new Latency(
				"**voice_call_with_input: input webhook at ingest → result at the client**");
		Latency voiceTool = new Latency("voice_call_with_input: whole tool call (place, ring, answer, prompt, speech)");
		Map<String, Integer> outcomes = new TreeMap<>();
		int unmatched = 0;
		for (Sent sent : sms) {
			outcomes.merge("sms_with_input: " + sent.call().outcome(), 1, Integer::sum);
			if (!sent.call().ok() || !"replied".equals(sent.call().fact("status"))) {
				continue;
			}
			Instant received = tap.inbound()
				.stream()
				.filter((inbound) -> inbound.from().equals(sent.to())
						&& inbound.receivedAt().isBefore(sent.call().end()))
				.map(KafkaTap.Inbound::receivedAt)
				.max(Instant::compareTo)
				.orElse(null);
			if (received == null) {
				unmatched++;
				continue;
			}
			smsCorrelation.recordNanos(Duration.between(received, sent.call().end()).toNanos());
			smsTool.recordNanos(sent.call().nanos());
		}
		for (Sent sent : voice) {
			outcomes.merge("voice_call_with_input: " + sent.call().outcome(), 1, Integer::sum);
			String commandId = sent.call().fact("command_id");
			if (!sent.call().ok() || sent.call().factObject("speech") == null || commandId == null) {
				continue;
			}
			Instant received = tap.inputReceived(commandId);
			if (received == null) {
				unmatched++;
				continue;
			}
			voiceCorrelation.recordNanos(Duration.between(received, sent.call().end()).toNanos());
			voiceTool.recordNanos(sent.call().nanos());
		}
		this.report.subheading("Client side");
		this.report.table(Latency.table(smsCorrelation, voiceCorrelation, smsTool, voiceTool));
		double worst = Math.max(smsCorrelation.percentileMillis(99), voiceCorrelation.percentileMillis(99));
		this.report.line(String.format(Locale.ROOT,
				"Target (issue 18): correlation p99 ≤ 10 ms: **%s** (sms_with_input %s ms, voice_call_with_input %s ms).",
				(worst <= 10) ? "met" : "missed", Latency.ms(smsCorrelation.percentileMillis(99)),
				Latency.ms(voiceCorrelation.percentileMillis(99))));
		StringBuilder tally = new StringBuilder("| tool: outcome | calls |\n| --- | ---: |\n");
		outcomes
			.forEach((outcome, count) -> tally.append("| ").append(outcome).append(" | ").append(count).append(" |\n"));
		this.report.line("Outcomes; " + unmatched + " answered calls had no matching event on the topic:");
		this.report.table(tally.toString());
		this.report.subheading("Server side: the gateway's " + METRIC);
		this.report.line("Webhook events that woke a waiting tool call during the measured calls (status changes"
				+ " wake them too: a waiting call reports progress), by event type; share of events within each"
				+ " bucket bound:");
		this.report.table(histogramDelta(before, after));
	}

	private static String histogramDelta(Prometheus before, Prometheus after) {
		Map<String, Map<Double, Double>> buckets = new TreeMap<>();
		for (Prometheus.Sample sample : after.samples(METRIC + "_bucket")) {
			String type = sample.label("event_type");
			String le = sample.label("le");
			double previous = before.sum(METRIC + "_bucket",
					(old) -> old.label("event_type").equals(type) && old.label("le").equals(le));
			double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
			buckets.computeIfAbsent(type, (key) -> new TreeMap<>()).put(bound, sample.value() - previous);
		}
		double[] bounds = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25 };
		StringBuilder table = new StringBuilder("| event type | n | mean ms |");
		for (double bound : bounds) {
			table.append(String.format(Locale.ROOT, " ≤ %s ms |", Latency.ms(bound * 1000)));
		}
		table.append(" p99 within |\n| --- | ---: | ---: |");
		table.append(" ---: |".repeat(bounds.length)).append(" ---: |\n");
		buckets.forEach((type, cumulative) -> {
			double count = cumulative.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
			if (count <= 0) {
				return;
			}
			String shortType = type.replace("telephony.event.", "").replace(".v1", "");
			double sum = after.sum(METRIC + "_sum", (s) -> s.label("event_type").equals(type))
					- before.sum(METRIC + "_sum", (s) -> s.label("event_type").equals(type));
			table.append(
					String.format(Locale.ROOT, "| %s | %.0f | %s |", shortType, count, Latency.ms(sum / count * 1000)));
			String p99 = "> 1000 ms";
			for (double bound : bounds) {
				double within = nearest(cumulative, bound);
				table.append(String.format(Locale.ROOT, " %.1f %% |", 100 * within / count));
			}
			for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
				if (bucket.getValue() >= 0.99 * count) {
					p99 = bucket.getKey().isInfinite() ? "> 1000 ms"
							: "≤ " + Latency.ms(bucket.getKey() * 1000) + " ms";
					break;
				}
			}
			table.append(" ").append(p99).append(" |\n");
		});
		return table.toString();
	}

	private static double nearest(Map<Double, Double> cumulative, double bound) {
		return cumulative.entrySet()
			.stream()
			.filter((entry) -> Math.abs(entry.getKey() - bound) < 1e-9)
			.mapToDouble(Map.Entry::getValue)
			.findFirst()
			.orElse(Double.NaN);
	}

}
