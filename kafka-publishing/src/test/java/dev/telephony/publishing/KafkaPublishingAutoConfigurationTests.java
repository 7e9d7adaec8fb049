package dev.telephony.publishing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaPublishingAutoConfigurationTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaPublishingAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void sourceIsTheApplicationName() {
		this.context.withPropertyValues("spring.application.name=dispatcher")
			.run((context) -> assertThat(context.getBean(KafkaPublishing.class).source()).isEqualTo("/dispatcher"));
	}

	@Test
	void aServiceMayBringItsOwn() {
		this.context.withPropertyValues("spring.application.name=dispatcher")
			.withBean(KafkaPublishing.class, () -> new KafkaPublishing(new SimpleMeterRegistry(), "/elsewhere"))
			.run((context) -> assertThat(context.getBean(KafkaPublishing.class).source()).isEqualTo("/elsewhere"));
	}

}
