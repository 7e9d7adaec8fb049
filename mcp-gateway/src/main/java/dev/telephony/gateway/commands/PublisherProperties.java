package dev.telephony.gateway.commands;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Publishing commands to Kafka.
 *
 * @param kafkaSendTimeout how long to wait for Kafka to acknowledge a command
 */
@Validated
@ConfigurationProperties("telephony.gateway")
public record PublisherProperties(@DefaultValue("10s") @NotNull Duration kafkaSendTimeout) {

}
