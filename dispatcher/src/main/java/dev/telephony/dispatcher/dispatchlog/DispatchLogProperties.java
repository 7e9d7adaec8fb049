package dev.telephony.dispatcher.dispatchlog;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Writing the dispatch log.
 *
 * @param kafkaSendTimeout how long to wait for Kafka to acknowledge a record before the
 * command is left unexecuted, to be redelivered
 */
@Validated
@ConfigurationProperties("telephony.dispatcher.dispatch-log")
record DispatchLogProperties(@DefaultValue("10s") @NotNull Duration kafkaSendTimeout) {
}
