package dev.telephony.systemtests;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Programs some checks drive: promtool and prometheus, haproxy, docker-compose, npx. On a
 * machine without them those checks are skipped, saying so, unless REQUIRE_EXTERNAL_TOOLS
 * is set (as .ci/run does, after installing them), when their absence fails the build.
 */
public final class ExternalTools {

	private ExternalTools() {
	}

	public static void requirePromtool() {
		require("promtool");
	}

	public static boolean hasPrometheus() {
		return onPath("prometheus");
	}

	/**
	 * Skips the test without {@code command}, or fails it when REQUIRE_EXTERNAL_TOOLS is
	 * set.
	 */
	public static void require(String command) {
		boolean present = onPath(command);
		if (!present && System.getenv("REQUIRE_EXTERNAL_TOOLS") != null) {
			throw new AssertionError(command + " is not on the PATH but REQUIRE_EXTERNAL_TOOLS is set;"
					+ " install it (.ci/run installs the Debian packages prometheus, haproxy and docker-compose)");
		}
		assumeTrue(present, command + " is not on the PATH; install it to run this check (see .ci/run)");
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
