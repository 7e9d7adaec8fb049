package dev.telephony.ingest.system;

import dev.telephony.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topic this service writes, created at start-up when missing. */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

	@Bean
	NewTopic eventsTopic(@Value("${telephony.topics.partitions:6}") int partitions,
			@Value("${telephony.topics.replicas:1}") short replicas) {
		return TopicBuilder.name(Topics.EVENTS).partitions(partitions).replicas(replicas).build();
	}

}
