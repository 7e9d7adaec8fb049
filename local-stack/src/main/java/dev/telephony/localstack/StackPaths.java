package dev.telephony.localstack;

import java.nio.file.Path;

/**
 * Where the launcher finds jars and keeps its state.
 *
 * @param root repository root
 * @param dataDir folder for Kafka data, keys and logs (git-ignored)
 */
record StackPaths(Path root, Path dataDir) {

	// The services are built from the same reactor, so they share the launcher's version.
	static final String VERSION = "0.1.0-SNAPSHOT";

	Path kafkaDir() {
		return this.dataDir.resolve("kafka");
	}

	Path logsDir() {
		return this.dataDir.resolve("logs");
	}

	Path keysDir() {
		return this.dataDir.resolve("keys");
	}

	/** The authorization server's database and the local sign-in's password. */
	Path authDir() {
		return this.dataDir.resolve("auth");
	}

	Path log(String name) {
		return logsDir().resolve(name + ".log");
	}

	Path jar(String module) {
		return this.root.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
	}

}
