package dev.telephony.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.telephony.testsupport.ExternalTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images of scripts/build-images, for the tests that run containers. Without a Docker
 * engine those tests are skipped, unless REQUIRE_EXTERNAL_TOOLS is set (.ci/run), when
 * they fail instead. The script keeps every image that is up to date, so each test asking
 * for its parts costs a rebuild only of what changed.
 */
public final class LocalImages {

	private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

	private LocalImages() {
	}

	/**
	 * Skips (or in CI fails) without a Docker engine, then builds {@code parts} of
	 * scripts/build-images, all of them when none is named.
	 * @param log where the script's output goes
	 */
	public static void require(Path log, String... parts) throws IOException, InterruptedException {
		ExternalTools.require(dockerAnswers(), "no Docker engine answers",
				"install docker.io and debootstrap and start dockerd (.ci/run does)");
		List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/build-images").toString()));
		command.addAll(List.of(parts));
		Files.createDirectories(log.getParent());
		Process build = new ProcessBuilder(command).directory(ROOT.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(build.waitFor(30, TimeUnit.MINUTES)).as("scripts/build-images finished").isTrue();
		assertThat(build.exitValue())
			.as("scripts/build-images %s (log: %s):%n%s", String.join(" ", parts), log, Files.readString(log))
			.isZero();
	}

	private static boolean dockerAnswers() {
		try {
			Process info = new ProcessBuilder("docker", "info").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return info.waitFor(30, TimeUnit.SECONDS) && info.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
