package dev.telephony.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads process and machine figures from {@code /proc} (Linux). */
final class Proc {

	private Proc() {
	}

	/** A {@code kB} field of {@code /proc/<pid>/status}, such as VmRSS or VmHWM. */
	static long statusKb(long pid, String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// gone, or not Linux
		}
		return 0;
	}

	/** utime + stime of a process, in clock ticks. */
	static long cpuTicks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// The command name may hold spaces; fields are counted after its closing
			// parenthesis.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * Clock ticks of all CPUs since boot, from {@code /proc/stat}: busy (user, system,
	 * interrupts; not steal), stolen by the hypervisor, and total.
	 */
	static long[] machineTicks() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).split("\\s+");
			long total = 0;
			for (int i = 1; i < Math.min(cpu.length, 9); i++) {
				total += Long.parseLong(cpu[i]);
			}
			long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
			long steal = (cpu.length > 8) ? Long.parseLong(cpu[8]) : 0;
			return new long[] { total - idle - steal, steal, total };
		}
		catch (IOException | RuntimeException ex) {
			return new long[] { 0, 0, 0 };
		}
	}

	static String firstLine(String file) {
		try {
			return Files.readAllLines(Path.of(file)).get(0).strip();
		}
		catch (IOException | RuntimeException ex) {
			return "?";
		}
	}

	/** A field of {@code /proc/cpuinfo} (first CPU). */
	static String cpuInfo(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith(field)) {
					return line.substring(line.indexOf(':') + 1).strip();
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		return "?";
	}

	/** A line of a "key: value" file such as /proc/meminfo, value only. */
	static String statusLine(String file, String key) {
		try {
			for (String line : Files.readAllLines(Path.of(file))) {
				if (line.startsWith(key + ":")) {
					return line.substring(key.length() + 1).strip();
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		return "?";
	}

}
