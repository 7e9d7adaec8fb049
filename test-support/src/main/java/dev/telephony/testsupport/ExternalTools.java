package dev.telephony.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Programs from outside the JDK that some checks drive: promtool, haproxy,
 * docker-compose, chromium, node and npx, PostgreSQL. On a machine without them those
 * checks are skipped, saying so, unless REQUIRE_EXTERNAL_TOOLS is set (as .ci/run does,
 * after installing them), when their absence fails the build instead of hiding it.
 */
public final class ExternalTools {

	private ExternalTools() {
	}

	/** Skips the test without {@code command} on the PATH, or fails it in CI. */
	public static void require(String command) {
		require(onPath(command), command + " is not on the PATH",
				"install it (.ci/run lists the Debian packages it installs)");
	}

	/**
	 * Skips the test unless {@code present}, or fails it under REQUIRE_EXTERNAL_TOOLS,
	 * saying what is missing and what to install.
	 */
	public static void require(boolean present, String why, String remedy) {
		if (!present && System.getenv("REQUIRE_EXTERNAL_TOOLS") != null) {
			throw new AssertionError(why + " but REQUIRE_EXTERNAL_TOOLS is set; " + remedy);
		}
		assumeTrue(present, why + "; " + remedy + " to run this check");
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
