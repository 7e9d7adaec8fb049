package dev.telephony.authserver;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Programs some checks drive: chromium, node and npm for the browser check, PostgreSQL's
 * server binaries for the shared-database check. Without them the check is skipped,
 * saying so, unless REQUIRE_EXTERNAL_TOOLS is set (as CI does after installing them),
 * when their absence fails the build. The same convention as system-tests.
 */
final class ExternalTools {

	private ExternalTools() {
	}

	static void require(String command) {
		require(onPath(command), command + " is not on the PATH");
	}

	/**
	 * Skips the test unless {@code present}, or fails it under REQUIRE_EXTERNAL_TOOLS.
	 */
	static void require(boolean present, String why) {
		require(present, why, "install the Debian packages chromium and nodejs (npm), and let npm reach its registry");
	}

	/**
	 * Skips the test unless {@code present}, or fails it under REQUIRE_EXTERNAL_TOOLS,
	 * saying what to install.
	 */
	static void require(boolean present, String why, String remedy) {
		if (!present && System.getenv("REQUIRE_EXTERNAL_TOOLS") != null) {
			throw new AssertionError(why + " but REQUIRE_EXTERNAL_TOOLS is set; " + remedy);
		}
		assumeTrue(present, why + "; " + remedy + " to run this check");
	}

	static boolean onPath(String command) {
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
