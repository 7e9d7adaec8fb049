package dev.telephony.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command line of the harness: scenario names and {@code --name value} settings.
 *
 * @param scenarios the scenarios to run, in run order
 * @param values the settings given
 */
record Options(Set<String> scenarios, Map<String, String> values) {

	static final List<String> ALL = List.of("floor", "sms-latency", "correlation", "turns", "throughput", "waiters");

	static final String USAGE = """
			Usage: benchmarks/run [scenario...] [--name value...]

			Scenarios (default: all, in this order):
			  floor         (g) the Kafka floor of send_sms: its acknowledged writes and consumer hand-offs
			                alone, with and without a rate-slot claim (--floor-chains N [900], --floor-warmup N
			                [300], --floor-period-ms N [50])
			  sms-latency   (a)+(e) send_sms latency at low load: gateway vs. a direct synchronous MCP
			                server (baseline) vs. the SDK calling the sandbox, minus the sandbox's own time
			  correlation   (b) webhook accepted by ingest -> waiting tool returns (sms_with_input,
			                voice_call_with_input)
			  turns         (f) conversation turns: continue_call -> transfer at the provider, callee's
			                input -> the turn's result
			  throughput    (c) provider rate at the default limits (30 msg/s, 3 calls/s), 1 then 3 dispatchers
			  waiters       (d) N concurrent waiting voice_call_with_input on one gateway, callee answers after 30 s

			Settings (defaults in brackets):
			  --src DIR                built repository copy [.]      --work DIR   scratch folder [/tmp/bench-run]
			  --out FILE               markdown results [<work>/results.md]
			  --jar FILE               this harness's jar [<src>/benchmarks/target/benchmarks-0.1.0-SNAPSHOT-exec.jar]
			  --java FILE              java for the services [the harness's own]
			  --sms-warmup N [400]  --sms-calls N [600]  --sms-period-ms N [150]
			  --sms-slow-calls N [120]  --sms-slow-period-ms N [1000]  then gateway-only send_sms at a low
			                           rate (1/s), for the rate-slot wait (0 calls: skip)
			  --correlation-sms N [300]  --correlation-voice N [120]
			  --turn-calls N [24]  --turns N [5]  conversations, and continue_call turns in each
			  --throughput-seconds N [60]  --throughput-warmup N [15]
			  --waiters N,N... [10000,3000,2000]  counts to try, largest first, each on a fresh stack, until one is
			                           carried (>= 99 % answered, gateway alive)
			  --waiters-rate N [N/25, at least 100] (calls started per second)  --waiters-sessions N [100]
			  --waiters-answer-ms N [30000]  --waiters-dispatchers N [3]
			  --waiters-histogram 0|1 [1]  a heap histogram at the peak (it forces a full GC, which stops the
			                           gateway for seconds at 10,000 calls: some commands then miss Kafka's timeouts)
			  --waiters-max-wait SECONDS [480]  the gateway's command-ttl, max-wait and max-wait-cap (and the
			                           tool's timeout_seconds): calls may wait for the dispatch queue (0: defaults)
			  --gateway-heap SIZE      what-if: the gateway's -Xmx [512m, the target]
			  --gateway-args A,B       what-if: more arguments for the gateway, such as
			                           --gateway-args=--server.jetty.max-connections=6000
			  --linger-ms N            what-if: Kafka producers' linger.ms in gateway, dispatchers, ingest
			                           [as configured: 0 since commit 5a0590b; Kafka's own default is 5]
			  --revision TEXT          the source revision, for the report [set by benchmarks/run]
			""";

	static Options parse(String[] args) {
		Set<String> scenarios = new LinkedHashSet<>();
		Map<String, String> values = new HashMap<>();
		List<String> queue = new ArrayList<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 0) {
				queue.add(arg.substring(0, equals));
				queue.add(arg.substring(equals + 1));
			}
			else {
				queue.add(arg);
			}
		}
		for (int i = 0; i < queue.size(); i++) {
			String arg = queue.get(i);
			if (arg.equals("-h") || arg.equals("--help")) {
				values.put("help", "true");
			}
			else if (arg.startsWith("--")) {
				if (i + 1 >= queue.size()) {
					throw new IllegalArgumentException(arg + " needs a value");
				}
				values.put(arg.substring(2), queue.get(++i));
			}
			else {
				scenarios.add(scenario(arg));
			}
		}
		if (scenarios.isEmpty() || scenarios.contains("all")) {
			scenarios = new LinkedHashSet<>(ALL);
		}
		// Run in the documented order whatever the order given.
		Set<String> ordered = new LinkedHashSet<>();
		for (String name : ALL) {
			if (scenarios.contains(name)) {
				ordered.add(name);
			}
		}
		return new Options(ordered, values);
	}

	private static String scenario(String name) {
		return switch (name) {
			case "g", "floor" -> "floor";
			case "a", "e", "sms-latency", "baseline" -> "sms-latency";
			case "b", "correlation" -> "correlation";
			case "f", "turns" -> "turns";
			case "c", "throughput" -> "throughput";
			case "d", "waiters" -> "waiters";
			case "all" -> "all";
			default -> throw new IllegalArgumentException("unknown scenario " + name + "\n" + USAGE);
		};
	}

	boolean help() {
		return this.values.containsKey("help");
	}

	boolean has(String scenario) {
		return this.scenarios.contains(scenario);
	}

	int number(String name, int fallback) {
		String value = this.values.get(name);
		return (value != null) ? Integer.parseInt(value) : fallback;
	}

	String text(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	Path path(String name, Path fallback) {
		String value = this.values.get(name);
		return (value != null) ? Path.of(value).toAbsolutePath() : fallback;
	}

}
