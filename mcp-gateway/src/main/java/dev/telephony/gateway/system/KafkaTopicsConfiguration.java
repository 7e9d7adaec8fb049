package dev.telephony.gateway.system;

import java.util.stream.Stream;

import dev.telephony.gateway.audit.AuditProperties;
import dev.telephony.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics this service writes or reads, created at start-up when missing: brokers run
 * with auto-create off, so a typo in a topic name fails loudly instead of creating a
 * stray topic.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

	@Bean
	KafkaAdmin.NewTopics topics(@Value("${telephony.topics.partitions:6}") int partitions,
			@Value("${telephony.topics.replicas:1}") short replicas, AuditProperties auditProperties) {
		NewTopic audit = TopicBuilder.name(Topics.AUDIT)
			.partitions(partitions)
			.replicas(replicas)
			.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(auditProperties.retention().toMillis()))
			.build();
		return new KafkaAdmin.NewTopics(Stream
			.concat(Stream.of(Topics.COMMANDS, Topics.EVENTS)
				.map((name) -> TopicBuilder.name(name).partitions(partitions).replicas(replicas).build()),
					Stream.of(audit))
			.toArray(NewTopic[]::new));
	}

}
