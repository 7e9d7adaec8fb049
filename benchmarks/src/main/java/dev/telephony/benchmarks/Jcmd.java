package dev.telephony.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Runs {@code jcmd} of the services' JDK against a process. */
final class Jcmd {

	private Jcmd() {
	}

	/** Runs the command and returns its output (empty if jcmd failed). */
	static String run(String java, long pid, String command) throws InterruptedException {
		Path jcmd = Path.of(java).resolveSibling("jcmd");
		try {
			Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
				.start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			return new String(output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			Harness.log("jcmd failed: " + ex.getMessage());
			return "";
		}
	}

	/**
	 * The heap's biggest classes after a full GC ({@code GC.class_histogram} collects
	 * first): the live set, by class, as a markdown table.
	 */
	static String histogram(String java, long pid, int top) throws InterruptedException {
		StringBuilder table = new StringBuilder("| # | instances | MB | class |\n| ---: | ---: | ---: | --- |\n");
		int rows = 0;
		for (String line : run(java, pid, "GC.class_histogram").lines().toList()) {
			String[] parts = line.strip().split("\\s+");
			if (parts.length >= 4 && parts[0].endsWith(":") && parts[2].matches("\\d+") && rows < top) {
				table.append(String.format(Locale.ROOT, "| %s | %s | %.1f | `%s` |%n", parts[0].replace(":", ""),
						parts[1], Long.parseLong(parts[2]) / 1e6, parts[3]));
				rows++;
			}
			else if (parts.length >= 3 && parts[0].equals("Total") && parts[2].matches("\\d+")) {
				table.append(String.format(Locale.ROOT, "| | %s | %.1f | total |%n", parts[1],
						Long.parseLong(parts[2]) / 1e6));
			}
		}
		return table.toString();
	}

}
