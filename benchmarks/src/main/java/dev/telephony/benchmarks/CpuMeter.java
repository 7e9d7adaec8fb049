package dev.telephony.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU used during a measurement, by each of our processes and by everything else on the
 * machine (another developer's stack or build competes for the same two cores).
 */
final class CpuMeter {

	private static final double TICKS_PER_SECOND = 100.0;

	private final List<Child> processes;

	private final Map<String, Long> startTicks = new LinkedHashMap<>();

	private final long[] startMachine;

	private final long startNanos;

	private final long startSelf;

	CpuMeter(List<Child> processes) {
		this.processes = processes;
		for (Child child : processes) {
			this.startTicks.put(child.name(), child.cpuTicks());
		}
		this.startSelf = Proc.cpuTicks(ProcessHandle.current().pid());
		this.startMachine = Proc.machineTicks();
		this.startNanos = System.nanoTime();
	}

	/** A markdown table: CPU seconds and cores busy on average, per process. */
	String report() {
		double wall = (System.nanoTime() - this.startNanos) / 1e9;
		long[] machine = Proc.machineTicks();
		StringBuilder table = new StringBuilder("| process | CPU s | cores busy (avg) |\n| --- | ---: | ---: |\n");
		double ours = 0;
		boolean exited = false;
		for (Child child : this.processes) {
			if (!child.isAlive()) {
				// Its CPU time went with it; it shows up under "everything else".
				exited = true;
				table.append("| " + child.name() + " | exited | |\n");
				continue;
			}
			double seconds = (child.cpuTicks() - this.startTicks.getOrDefault(child.name(), 0L)) / TICKS_PER_SECOND;
			ours += seconds;
			table.append(row(child.name(), seconds, wall));
		}
		double self = (Proc.cpuTicks(ProcessHandle.current().pid()) - this.startSelf) / TICKS_PER_SECOND;
		ours += self;
		table.append(row("harness (MCP clients)", self, wall));
		double busy = (machine[0] - this.startMachine[0]) / TICKS_PER_SECOND;
		double steal = (machine[1] - this.startMachine[1]) / TICKS_PER_SECOND;
		double total = (machine[2] - this.startMachine[2]) / TICKS_PER_SECOND;
		table.append(row("everything else on the machine" + (exited ? " (and the exited process)" : ""),
				Math.max(0, busy - ours), wall));
		table.append(row("**machine busy** (" + Runtime.getRuntime().availableProcessors() + " cores, "
				+ String.format(Locale.ROOT, "%.0f", wall) + " s wall)", busy, wall));
		table.append(row("stolen by the hypervisor (steal)", steal, wall));
		table.append(row("idle", Math.max(0, total - busy - steal), wall));
		return table.toString();
	}

	private static String row(String name, double seconds, double wall) {
		return String.format(Locale.ROOT, "| %s | %.1f | %.2f |%n", name, seconds, seconds / wall);
	}

}
