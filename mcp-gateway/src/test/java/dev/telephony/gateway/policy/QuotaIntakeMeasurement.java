package dev.telephony.gateway.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.ViewProperties;
import dev.telephony.schemas.CommandFailed;
import dev.telephony.schemas.PlaceCall;

/**
 * Not a test, and not run by the build (surefire does not pick {@code *Measurement}): how
 * many calls a second the gateway admits through {@link QuotaCheck} and counts in the
 * view, with quotas off and on, with none or many calls outstanding. Each admitted call
 * is read back by the view and the oldest outstanding one ends, as on a busy gateway, so
 * that the number outstanding stays put while the day's commands grow.
 * <p>
 * Run from the repository root. The test classpath is taken from Maven's debug output,
 * since the dependency plugin cannot resolve offline:
 *
 * <pre>
 * ./mvnw -B -X -o -pl mcp-gateway test-compile | sed -n 's/.*(f) testPath = \[\(.*\)\]$/\1/p' | sed 's/, /:/g' &gt; /tmp/cp.txt
 * java -cp "$(cat /tmp/cp.txt)" dev.telephony.gateway.policy.QuotaIntakeMeasurement [seconds, 5] [threads, 1]
 * </pre>
 *
 * With more than one thread, each thread is its own client, to show whether clients
 * contend.
 */
final class QuotaIntakeMeasurement {

	private static final String CALLEE = "447700900123";

	private static final String CALLER = "14155550100";

	// High enough never to refuse, so that every call is counted and admitted.
	private static final PolicyProperties.Quotas ON = new PolicyProperties.Quotas(0, 0, 10_000_000, 0, 0, 0, 1_000_000);

	private static final PolicyProperties.Quotas OFF = new PolicyProperties.Quotas(0, 0, 0, 0, 0, 0, 0);

	private QuotaIntakeMeasurement() {
	}

	public static void main(String[] args) throws InterruptedException {
		Duration measured = Duration.ofSeconds((args.length > 0) ? Integer.parseInt(args[0]) : 5);
		int threads = (args.length > 1) ? Integer.parseInt(args[1]) : 1;
		System.out.printf("%-6s %12s %8s %14s%n", "quotas", "outstanding", "threads", "calls/s");
		for (int outstanding : new int[] { 0, 10_000 }) {
			for (boolean on : new boolean[] { false, true }) {
				// A first round warms the JIT up; the second is the one reported.
				run(on, outstanding, threads, Duration.ofSeconds(2));
				double rate = run(on, outstanding, threads, measured);
				System.out.printf("%-6s %12d %8d %14.0f%n", on ? "on" : "off", outstanding, threads, rate);
			}
		}
	}

	private static double run(boolean on, int outstanding, int threads, Duration length) throws InterruptedException {
		TelephonyView view = new TelephonyView(new ViewProperties(Duration.ofHours(24)));
		QuotaCheck quotas = new QuotaCheck(view,
				new PolicyProperties(List.of(), List.of(), Set.of(), on ? ON : OFF, Map.of()));
		AtomicLong admitted = new AtomicLong();
		CountDownLatch start = new CountDownLatch(1);
		Thread[] workers = new Thread[threads];
		for (int i = 0; i < threads; i++) {
			String client = "client-" + i;
			Deque<UUID> live = new ArrayDeque<>();
			Instant now = Instant.now();
			for (int j = 0; j < outstanding / threads; j++) {
				// Placed over the last hour: all still live, all in the day's window.
				live.addLast(place(view, client, now.minusMillis(3_600_000L * (outstanding - j) / outstanding)));
			}
			workers[i] = new Thread(() -> {
				await(start);
				long until = System.nanoTime() + length.toNanos();
				long count = 0;
				while (System.nanoTime() < until) {
					Instant at = Instant.now();
					UUID id = UUID.randomUUID();
					quotas.reserve(client, id, true, at);
					view.onCommand(placeCall(id, client, at));
					live.addLast(id);
					if (live.size() > outstanding / threads) {
						UUID ended = live.removeFirst();
						view.onEvent(
								new CommandFailed("f-" + ended, ended, at, at, "provider_rejected", "422", 1, false));
					}
					count++;
				}
				admitted.addAndGet(count);
			});
			workers[i].start();
		}
		start.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		return admitted.get() / (length.toNanos() / 1e9);
	}

	private static UUID place(TelephonyView view, String client, Instant at) {
		UUID id = UUID.randomUUID();
		view.onCommand(placeCall(id, client, at));
		return id;
	}

	private static PlaceCall placeCall(UUID id, String client, Instant at) {
		return new PlaceCall(id, at, at.plusSeconds(30), client, CALLEE, CALLER, "Hello", null, null, null, null, null);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
