package dev.telephony.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.telephony.testsupport.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTests {

	private static final String TOPIC = "local-stack.smoke";

	private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

	@TempDir
	Path dir;

	@Test
	void recordsSurviveARestart() throws Exception {
		Path data = this.dir.resolve("kafka");
		KafkaBroker broker = new KafkaBroker(data, FreePorts.next(), FreePorts.next());
		try {
			broker.start();
			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
				admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			}
			try (KafkaProducer<String, String> producer = producer(broker)) {
				producer.send(new ProducerRecord<>(TOPIC, "call-1", "ringing")).get(30, TimeUnit.SECONDS);
			}
			assertThat(readAll(broker)).containsExactly("call-1=ringing");
		}
		finally {
			broker.stop();
		}
		assertThat(data.resolve("meta.properties")).exists();

		// Other ports on purpose: the data must not depend on them.
		KafkaBroker restarted = new KafkaBroker(data, FreePorts.next(), FreePorts.next());
		try {
			restarted.start();
			assertThat(readAll(restarted)).containsExactly("call-1=ringing");
		}
		finally {
			restarted.stop();
		}
	}

	@Test
	void configurationFitsASingleNodeAndLeavesTopicsToTheServices() {
		Properties properties = new KafkaBroker(this.dir, 9092, 9093).properties();
		assertThat(properties).containsEntry("process.roles", "broker,controller")
			.containsEntry("node.id", "1")
			.containsEntry("listeners", "PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093")
			.containsEntry("controller.quorum.voters", "1@localhost:9093")
			.containsEntry("log.dirs", this.dir.toString())
			.containsEntry("auto.create.topics.enable", "false")
			.containsEntry("group.initial.rebalance.delay.ms", "0");
		properties.stringPropertyNames()
			.stream()
			.filter((name) -> name.endsWith("replication.factor") || name.endsWith("min.isr"))
			.forEach((name) -> assertThat(properties.getProperty(name)).as(name).isEqualTo("1"));
	}

	private static KafkaProducer<String, String> producer(KafkaBroker broker) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
				new StringSerializer(), new StringSerializer());
	}

	private static List<String> readAll(KafkaBroker broker) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringDeserializer(),
				new StringDeserializer())) {
			consumer.assign(List.of(PARTITION));
			consumer.seekToBeginning(List.of(PARTITION));
			long end = consumer.endOffsets(List.of(PARTITION), Duration.ofSeconds(30)).get(PARTITION);
			List<String> values = new ArrayList<>();
			// Bounded so a broken broker fails the test instead of hanging it.
			for (int polls = 0; polls < 60 && consumer.position(PARTITION) < end; polls++) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					values.add(record.key() + "=" + record.value());
				}
			}
			return values;
		}
	}

}
