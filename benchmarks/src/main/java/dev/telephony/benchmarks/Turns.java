package dev.telephony.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * (f) Conversation turns: the two hops a model turn adds to a live call. From the
 * {@code continue_call} received by the gateway (the command's {@code createdAt}) to the
 * transfer reaching the sandbox (its journal), and from the callee's input webhook at
 * ingest (the event's {@code receivedAt}) to the turn's result at the MCP client.
 */
final class Turns {

	private final Env env;

	private final Stack stack;

	private final Options options;

	private final Report report;

	Turns(Env env, Stack stack, Options options, Report report) {
		this.env = env;
		this.stack = stack;
		this.options = options;
		this.report = report;
	}

	/** One turn as the client saw it. */
	private record Sent(String callUuid, int index, Mcp.Call call) {
	}

	void run() throws Exception {
		int conversations = this.options.number("turn-calls", 24);
		int turns = this.options.number("turns", 5);
		int clients = 4;
		SandboxAdmin admin = new SandboxAdmin(Env.sandboxUrl());
		StringBuilder replies = new StringBuilder();
		for (int turn = 0; turn <= turns; turn++) {
			replies.append((turn == 0) ? "" : ",").append("{\"say\": \"Reply number ").append(turn).append(".\"}");
		}
		admin.putScenario(Numbers.CONVERSATION + "*",
				"{\"voice\": {\"outcome\": \"answer\", \"after_ms\": 500, \"turns\": [" + replies + "]}}");
		this.report.heading("(f) Conversation turns: continue_call → transfer at the provider, input → result");
		this.report.line(conversations + " conversations by " + clients + " concurrent clients, each `"
				+ "voice_call_with_input` with `keep_open`, then " + turns + " `continue_call` turns and an `end_call`;"
				+ " the callee answers every line with a short sentence. Modify-call limit at its default (15/s),"
				+ " one dispatcher. *Turn to provider*: the `continue-call` command's `createdAt` (set by the gateway"
				+ " when the tool call arrived) → the transfer in the sandbox's journal. *Input to result*: the"
				+ " callee's input webhook at ingest (`receivedAt` on `telephony.events.v1`) → the turn's result at"
				+ " the MCP client.");
		try (Mcp mcp = Mcp.connect(this.stack.gateway().baseUrl(), Duration.ofSeconds(120));
				KafkaTap tap = new KafkaTap(this.env.bootstrap())) {
			Harness.log("turns: warm-up");
			converse(mcp, admin, 4, turns, clients, 900_000);
			CpuMeter cpu = new CpuMeter(this.stack.processes());
			Harness.log("turns: " + conversations + " conversations of " + turns + " turns");
			List<Sent> sent = converse(mcp, admin, conversations, turns, clients, 0);
			String cpuReport = cpu.report();
			Thread.sleep(2000);
			analyse(sent, tap, admin);
			this.report.subheading("CPU during the measured conversations");
			this.report.table(cpuReport);
		}
	}

	private List<Sent> converse(Mcp mcp, SandboxAdmin admin, int conversations, int turns, int clients, int offset)
			throws InterruptedException {
		List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger next = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		for (int client = 0; client < clients; client++) {
			threads.add(Thread.ofVirtual().start(() -> {
				for (int n = next.getAndIncrement(); n < conversations; n = next.getAndIncrement()) {
					String to = Numbers.nth(Numbers.CONVERSATION, offset + n);
					Mcp.Call opened = mcp.call("voice_call_with_input", Map.of("to", "+" + to, "prompt_message",
							"Hello, is this a good time?", "keep_open", true, "timeout_seconds", 60));
					String callUuid = opened.fact("call_uuid");
					if (!opened.ok() || callUuid == null) {
						sent.add(new Sent(null, 0, opened));
						continue;
					}
					for (int turn = 1; turn <= turns; turn++) {
						sent.add(new Sent(callUuid, turn, mcp.call("continue_call", Map.of("call_uuid", callUuid,
								"message", "Thank you. Here is line " + turn + ".", "timeout_seconds", 60))));
					}
					mcp.call("end_call", Map.of("call_uuid", callUuid, "message", "Goodbye."));
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		return sent;
	}

	private void analyse(List<Sent> sent, KafkaTap tap, SandboxAdmin admin) throws Exception {
		Latency toProvider = new Latency("**continue_call at the gateway → transfer at the provider**");
		Latency inputToResult = new Latency("**callee's input at ingest → continue_call result at the client**");
		Latency whole = new Latency("continue_call: whole tool call (transfer, line spoken, answer heard)");
		Map<String, Integer> outcomes = new TreeMap<>();
		Map<String, List<Instant>> transfers = new TreeMap<>();
		int unmatched = 0;
		for (Sent turn : sent) {
			outcomes.merge(
					((turn.index() == 0) ? "voice_call_with_input: " : "continue_call: ") + turn.call().outcome(), 1,
					Integer::sum);
			String turnId = turn.call().fact("turn_command_id");
			if (turn.index() == 0 || !turn.call().ok() || turnId == null) {
				continue;
			}
			List<Instant> atProvider = transfers.computeIfAbsent(turn.callUuid(), (uuid) -> transfersOf(admin, uuid));
			Instant created = tap.created(turnId);
			Instant input = tap.inputReceived(turnId);
			if (created == null || input == null || atProvider.size() < turn.index()) {
				unmatched++;
				continue;
			}
			// The i-th transfer of a call is its i-th turn; end_call's comes after them.
			toProvider.recordNanos(Duration.between(created, atProvider.get(turn.index() - 1)).toNanos());
			inputToResult.recordNanos(Duration.between(input, turn.call().end()).toNanos());
			whole.recordNanos(turn.call().nanos());
		}
		this.report.subheading("Client side");
		this.report.table(Latency.table(toProvider, inputToResult, whole));
		StringBuilder tally = new StringBuilder("| tool: outcome | calls |\n| --- | ---: |\n");
		outcomes
			.forEach((outcome, count) -> tally.append("| ").append(outcome).append(" | ").append(count).append(" |\n"));
		this.report.line("Outcomes; " + unmatched + " answered turns had no matching command, input or transfer:");
		this.report.table(tally.toString());
	}

	private static List<Instant> transfersOf(SandboxAdmin admin, String callUuid) {
		try {
			return admin.journal("kind=request&call_uuid=" + callUuid)
				.stream()
				.filter((entry) -> "transfer".equals(entry.status()))
				.map(SandboxAdmin.Entry::time)
				.sorted()
				.toList();
		}
		catch (Exception ex) {
			throw new IllegalStateException("the sandbox journal could not be read", ex);
		}
	}

}
