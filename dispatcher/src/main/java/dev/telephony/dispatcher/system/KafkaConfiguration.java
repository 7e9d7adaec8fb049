package dev.telephony.dispatcher.system;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.telephony.schemas.Topics;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.ConversionException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.util.backoff.FixedBackOff;

/** Topics, and what happens to a command the dispatcher cannot handle. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	/**
	 * The topics this service writes or reads. The dead-letter topic has as many
	 * partitions as the commands, so dead letters keep the partition they came from; the
	 * dispatch log is compacted, one record per command.
	 */
	@Bean
	KafkaAdmin.NewTopics topics(@Value("${telephony.topics.partitions:6}") int partitions,
			@Value("${telephony.topics.replicas:1}") short replicas) {
		return new KafkaAdmin.NewTopics(
				TopicBuilder.name(Topics.COMMANDS).partitions(partitions).replicas(replicas).build(),
				TopicBuilder.name(Topics.EVENTS).partitions(partitions).replicas(replicas).build(),
				TopicBuilder.name(Topics.COMMANDS_DEAD_LETTER).partitions(partitions).replicas(replicas).build(),
				TopicBuilder.name(Topics.DISPATCH_LOG)
					.partitions(partitions)
					.replicas(replicas)
					.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
					.build());
	}

	/**
	 * Poison records (unreadable or invalid commands) go straight to the dead-letter
	 * topic with their original bytes; other failures, such as Kafka refusing the
	 * outcome, are retried a few times first.
	 */
	@Bean
	DefaultErrorHandler commandErrorHandler(KafkaProperties kafkaProperties, KafkaTemplate<Object, Object> json) {
		KafkaTemplate<String, byte[]> raw = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
				kafkaProperties.buildProducerProperties(), new StringSerializer(), new ByteArraySerializer()));
		Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
		templates.put(byte[].class, raw);
		templates.put(Object.class, json);
		DefaultErrorHandler handler = new DefaultErrorHandler(new DeadLetterPublishingRecoverer(templates),
				new FixedBackOff(1000, 3));
		handler.addNotRetryableExceptions(DeserializationException.class, ConversionException.class,
				MethodArgumentResolutionException.class, IllegalArgumentException.class);
		return handler;
	}

}
