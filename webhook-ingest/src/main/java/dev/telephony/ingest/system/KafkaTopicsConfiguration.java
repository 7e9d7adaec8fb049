package dev.telephony.ingest.system;

import java.util.stream.Stream;

import dev.telephony.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The topic this service writes, created at start-up when missing. */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

	@Bean
	KafkaAdmin.NewTopics topics(@Value("${telephony.topics.partitions:6}") int partitions,
			@Value("${telephony.topics.replicas:1}") short replicas) {
		return new KafkaAdmin.NewTopics(Stream.of(Topics.EVENTS)
			.map((name) -> TopicBuilder.name(name).partitions(partitions).replicas(replicas).build())
			.toArray(NewTopic[]::new));
	}

}
