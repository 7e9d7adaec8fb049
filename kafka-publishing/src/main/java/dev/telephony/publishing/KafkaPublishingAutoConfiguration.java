package dev.telephony.publishing;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * One {@link KafkaPublishing} per service, named after {@code spring.application.name}:
 * the services only ask for it, so that {@code ce_source} is built in one place.
 */
@AutoConfiguration
class KafkaPublishingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KafkaPublishing kafkaPublishing(MeterRegistry meters, @Value("${spring.application.name}") String applicationName) {
		return new KafkaPublishing(meters, "/" + applicationName);
	}

}
