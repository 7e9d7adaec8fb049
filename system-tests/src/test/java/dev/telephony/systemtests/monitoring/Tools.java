package dev.telephony.systemtests.monitoring;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prometheus's own tools, from the Debian package that .ci/run installs. On a machine
 * without them these checks are skipped, saying so, unless REQUIRE_PROMETHEUS is set (as
 * .ci/run does), when their absence fails the build.
 */
public final class Tools {

	private Tools() {
	}

	public static void requirePromtool() {
		require("promtool");
	}

	public static boolean hasPrometheus() {
		return onPath("prometheus");
	}

	/**
	 * Skips the test without {@code command}, or fails it when REQUIRE_PROMETHEUS is set.
	 */
	public static void require(String command) {
		boolean present = onPath(command);
		if (!present && System.getenv("REQUIRE_PROMETHEUS") != null) {
			throw new AssertionError(command + " is not on the PATH but REQUIRE_PROMETHEUS is set;"
					+ " install it with apt-get install prometheus");
		}
		assumeTrue(present, command + " is not on the PATH; apt-get install prometheus to run this check");
	}

	public static boolean onPath(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String dir : path.split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, command))) {
				return true;
			}
		}
		return false;
	}

}
