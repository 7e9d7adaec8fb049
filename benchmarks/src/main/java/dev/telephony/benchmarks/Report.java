package dev.telephony.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;

/**
 * The results as markdown, printed as they come and rewritten to a file after every
 * section, so a run that dies half-way still leaves what it measured.
 */
final class Report {

	private final Path file;

	private final StringBuilder text = new StringBuilder();

	Report(Path file) {
		this.file = file;
	}

	void heading(String heading) {
		add("\n## " + heading + "\n");
	}

	void subheading(String heading) {
		add("\n### " + heading + "\n");
	}

	void line(String line) {
		add(line + "\n");
	}

	void table(String markdown) {
		add("\n" + markdown + "\n");
	}

	private synchronized void add(String markdown) {
		this.text.append(markdown);
		System.out.print(markdown);
		System.out.flush();
		try {
			Files.createDirectories(this.file.toAbsolutePath().getParent());
			Files.writeString(this.file, this.text);
		}
		catch (IOException ex) {
			System.err.println("cannot write " + this.file + ": " + ex.getMessage());
		}
	}

	/** The machine and versions, as the first section. */
	void machine(Env env) {
		heading("Machine and versions");
		Properties versions = new Properties();
		try (InputStream in = Report.class.getResourceAsStream("/benchmarks-versions.properties")) {
			if (in != null) {
				versions.load(in);
			}
		}
		catch (IOException ex) {
			// reported as unknown below
		}
		line("| | |");
		line("| --- | --- |");
		line("| run at | " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " |");
		line("| CPU | " + Runtime.getRuntime().availableProcessors() + " cores, " + Proc.cpuInfo("model name") + " |");
		line("| RAM | " + memory() + " |");
		line("| OS | " + osName() + ", kernel " + Proc.firstLine("/proc/sys/kernel/osrelease") + " |");
		line("| JDK | " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + " ("
				+ env.java() + ") |");
		line("| Spring Boot | " + org.springframework.boot.SpringBootVersion.getVersion() + " |");
		for (String name : versions.stringPropertyNames().stream().sorted().toList()) {
			line("| " + name + " | " + versions.getProperty(name) + " |");
		}
	}

	private static String memory() {
		String total = Proc.statusLine("/proc/meminfo", "MemTotal");
		try {
			return String.format(java.util.Locale.ROOT, "%.1f GiB",
					Long.parseLong(total.replace("kB", "").strip()) / 1024.0 / 1024.0);
		}
		catch (NumberFormatException ex) {
			return total;
		}
	}

	private static String osName() {
		try {
			for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
				if (line.startsWith("PRETTY_NAME=")) {
					return line.substring("PRETTY_NAME=".length()).replace("\"", "");
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		return System.getProperty("os.name");
	}

}
