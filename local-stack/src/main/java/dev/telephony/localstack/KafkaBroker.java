package dev.telephony.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka (broker and controller in one) running in this JVM. Its data
 * folder survives restarts; it is formatted only the first time.
 */
final class KafkaBroker {

	private static final Logger logger = LoggerFactory.getLogger(KafkaBroker.class);

	private final Path dataDir;

	private final int port;

	private final int controllerPort;

	private KafkaRaftServer server;

	KafkaBroker(Path dataDir, int port, int controllerPort) {
		this.dataDir = dataDir;
		this.port = port;
		this.controllerPort = controllerPort;
	}

	String bootstrapServers() {
		return "localhost:" + this.port;
	}

	synchronized void start() throws IOException {
		if (this.server != null) {
			return;
		}
		Files.createDirectories(this.dataDir);
		Properties properties = properties();
		if (!Files.exists(this.dataDir.resolve("meta.properties"))) {
			format(properties);
		}
		KafkaRaftServer candidate = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
		try {
			// Returns once the broker is unfenced, i.e. ready for clients.
			candidate.startup();
		}
		catch (RuntimeException ex) {
			candidate.shutdown();
			candidate.awaitShutdown();
			throw ex;
		}
		this.server = candidate;
		logger.info("Kafka started on {} with data in {}", bootstrapServers(), this.dataDir);
	}

	/**
	 * Stops the broker and waits until its ports and files are released. Idempotent.
	 */
	synchronized void stop() {
		if (this.server == null) {
			return;
		}
		this.server.shutdown();
		this.server.awaitShutdown();
		this.server = null;
		logger.info("Kafka stopped");
	}

	Properties properties() {
		Properties properties = new Properties();
		properties.setProperty("process.roles", "broker,controller");
		properties.setProperty("node.id", "1");
		properties.setProperty("controller.quorum.voters", "1@localhost:" + this.controllerPort);
		properties.setProperty("listeners",
				"PLAINTEXT://localhost:" + this.port + ",CONTROLLER://localhost:" + this.controllerPort);
		properties.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + this.port);
		properties.setProperty("controller.listener.names", "CONTROLLER");
		properties.setProperty("inter.broker.listener.name", "PLAINTEXT");
		properties.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		properties.setProperty("log.dirs", this.dataDir.toString());
		// One node: every internal topic must fit on it.
		properties.setProperty("offsets.topic.replication.factor", "1");
		properties.setProperty("transaction.state.log.replication.factor", "1");
		properties.setProperty("transaction.state.log.min.isr", "1");
		properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
		properties.setProperty("share.coordinator.state.topic.min.isr", "1");
		properties.setProperty("default.replication.factor", "1");
		properties.setProperty("min.insync.replicas", "1");
		// Fewer coordinator partitions make the first consumer group and transaction on
		// two shared cores start in well under a second.
		properties.setProperty("offsets.topic.num.partitions", "1");
		properties.setProperty("transaction.state.log.num.partitions", "1");
		properties.setProperty("group.initial.rebalance.delay.ms", "0");
		// The log cleaner's map of keys is allocated on the heap up front: Kafka's 128 MB
		// default was most of the broker's live heap. 16 MB still compacts about 600,000
		// keys in one pass, far more than a local stack writes.
		properties.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
		// The services declare their topics; a typo must fail instead of creating a new
		// topic.
		properties.setProperty("auto.create.topics.enable", "false");
		return properties;
	}

	private void format(Properties properties) throws IOException {
		String clusterId = Uuid.randomUuid().toString();
		Path file = Files.createTempFile("kafka-format", ".properties");
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try {
			try (OutputStream out = Files.newOutputStream(file)) {
				properties.store(out, "local-stack: used once to format the Kafka storage");
			}
			int status;
			try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
				status = StorageTool.execute(new String[] { "format", "-t", clusterId, "-c", file.toString() }, print);
			}
			if (status != 0) {
				throw new IOException("Formatting Kafka storage in " + this.dataDir + " failed: " + output);
			}
		}
		catch (RuntimeException ex) {
			throw new IOException("Formatting Kafka storage in " + this.dataDir + " failed: " + ex.getMessage(), ex);
		}
		finally {
			Files.deleteIfExists(file);
		}
		logger.info("Formatted Kafka storage in {} (cluster id {}): {}", this.dataDir, clusterId,
				output.toString(StandardCharsets.UTF_8).strip());
	}

}
