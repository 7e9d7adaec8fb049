package dev.telephony.dispatcher.ratelimit;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class RateLimitsConfiguration {

	/**
	 * The longest a command is held on its consumer thread for a slot. A nacked record
	 * comes back too late to hit a slot reliably; a short hold does, and stays far inside
	 * the poll interval.
	 */
	private static final Duration HOLD = Duration.ofSeconds(1);

	/**
	 * How far after its append a claim may reach: beyond the hold, with room for clocks
	 * that disagree.
	 */
	private static final Duration HORIZON = Duration.ofSeconds(3);

	/**
	 * How long a claim may take to be written and read back before Kafka counts as away.
	 */
	private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(2);

	@Bean
	SlotGeometry slotGeometry(RateLimitProperties properties) {
		return new SlotGeometry(properties);
	}

	@Bean
	SlotBook slotBook(SlotGeometry geometry) {
		return new SlotBook(geometry, HORIZON.toNanos());
	}

	@Bean
	SlotLeases slotLeases(KafkaTemplate<Object, Object> kafka, KafkaProperties kafkaProperties, JsonMapper json,
			SlotBook book, Clock clock) {
		return new SlotLeases(kafka, kafkaProperties, json, book, clock, CLAIM_TIMEOUT);
	}

	@Bean
	RateLimits rateLimits(SlotGeometry geometry, SlotBook book, SlotLeases leases, MeterRegistry meters, Clock clock) {
		return new RateLimits(geometry, book, leases, meters, clock, HOLD);
	}

}
