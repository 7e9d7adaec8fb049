package dev.telephony.dispatcher.outcomes;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Publishing command outcomes.
 *
 * @param kafkaSendTimeout how long to wait for Kafka to acknowledge an outcome before the
 * command is left to be redelivered
 */
@Validated
@ConfigurationProperties("telephony.dispatcher.outcomes")
record OutcomeProperties(@DefaultValue("30s") @NotNull Duration kafkaSendTimeout) {
}
