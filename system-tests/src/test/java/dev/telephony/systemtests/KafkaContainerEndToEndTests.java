package dev.telephony.systemtests;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The flow on the Apache Kafka image, for machines with Docker; skipped where there is
 * none.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerEndToEndTests extends EndToEndContract {

	@Container
	static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1")
		.withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");

	@Override
	String bootstrapServers() {
		return kafka.getBootstrapServers();
	}

}
