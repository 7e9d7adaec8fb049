package dev.telephony.dispatcher.system;

import java.time.Duration;
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
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.ConversionException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.util.backoff.BackOff;
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
					.config(TopicConfig.CLEANUP_POLICY_CONFIG,
							TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE)
					// A command is never executed after its deadline, so its record is
					// only needed until then; a day keeps the log, and its reload on
					// assignment, small.
					.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(1).toMillis()))
					.build(),
				// One partition: every dispatcher must read the claims in one order. The
				// broker's clock stamps them, and a claim is worthless after seconds.
				TopicBuilder.name(Topics.RATE_SLOTS)
					.partitions(1)
					.replicas(replicas)
					.config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")
					.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofHours(1).toMillis()))
					.config(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofMinutes(10).toMillis()))
					.build());
	}

	/**
	 * Where a command the dispatcher cannot handle goes: the dead-letter topic, with its
	 * original bytes, and a failure for its command when its id can be read, so that no
	 * tool waits for it.
	 */
	@Bean
	ConsumerRecordRecoverer commandRecoverer(KafkaProperties kafkaProperties, KafkaTemplate<Object, Object> json,
			PoisonCommands poison) {
		KafkaTemplate<String, byte[]> raw = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
				kafkaProperties.buildProducerProperties(), new StringSerializer(), new ByteArraySerializer()));
		Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
		templates.put(byte[].class, raw);
		templates.put(Object.class, json);
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(templates);
		return (record, failure) -> {
			deadLetters.accept(record, failure);
			poison.fail(record, failure);
		};
	}

	/**
	 * Failures that are not the provider's, such as Kafka refusing a write, are tried a
	 * few more times before the command is dead-lettered.
	 */
	@Bean
	BackOff commandFailureBackOff() {
		return new FixedBackOff(1000, 3);
	}

	/**
	 * Poison records (unreadable or invalid commands) go straight to the dead-letter
	 * topic. Records the listener got are handled on their partition's lane, which
	 * applies the same recoverer and back-off.
	 */
	@Bean
	DefaultErrorHandler commandErrorHandler(ConsumerRecordRecoverer commandRecoverer, BackOff commandFailureBackOff) {
		DefaultErrorHandler handler = new DefaultErrorHandler(commandRecoverer, commandFailureBackOff);
		handler.addNotRetryableExceptions(DeserializationException.class, ConversionException.class,
				MethodArgumentResolutionException.class, IllegalArgumentException.class);
		return handler;
	}

	/** Every commands container learns of its rebalances. */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> rebalanceListener(
			ConsumerAwareRebalanceListener assignments) {
		return (container) -> container.getContainerProperties().setConsumerRebalanceListener(assignments);
	}

}
