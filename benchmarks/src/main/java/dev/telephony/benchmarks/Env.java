package dev.telephony.benchmarks;

import java.nio.file.Path;

/**
 * Where things are: the built source tree, the run's scratch folder, the JDK, the ports
 * (all different from run-local's, so a developer's local stack can keep running).
 *
 * @param src repository copy whose modules are built ({@code *}/target/*-exec.jar)
 * @param work scratch folder: Kafka data, keys, logs, access logs, results
 * @param java the java binary
 * @param benchmarksJar this harness's executable jar (also the baseline server)
 * @param keys key material shared by sandbox, dispatchers, ingest and baseline
 */
record Env(Path src, Path work, String java, Path benchmarksJar, Keys keys) {

	static final int KAFKA_PORT = 19092;

	static final int GATEWAY_PORT = 18000;

	static final int BASELINE_PORT = 18001;

	static final int INGEST_PORT = 18080;

	static final int FIRST_DISPATCHER_PORT = 18081;

	static final int SANDBOX_PORT = 18090;

	static final String DEFAULT_FROM = "14155550100";

	Path jar(String module) {
		return this.src.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
	}

	Path logs() {
		return this.work.resolve("logs");
	}

	String bootstrap() {
		return "localhost:" + KAFKA_PORT;
	}

	static String sandboxUrl() {
		return "http://localhost:" + SANDBOX_PORT;
	}

	static String ingestUrl() {
		return "http://localhost:" + INGEST_PORT;
	}

}
