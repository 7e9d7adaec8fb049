package dev.telephony.systemtests;

import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The flow on an in-process KRaft broker that refuses to auto-create topics. */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
class EmbeddedKafkaEndToEndTests extends EndToEndContract {

	@Override
	String bootstrapServers() {
		return EmbeddedKafkaCondition.getBroker().getBrokersAsString();
	}

}
