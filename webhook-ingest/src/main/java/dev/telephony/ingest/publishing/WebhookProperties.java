package dev.telephony.ingest.publishing;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How a webhook is taken in.
 *
 * @param maxBodySize larger webhook bodies are refused with 413
 * @param kafkaSendTimeout how long a webhook waits for Kafka before it is answered 503
 */
@Validated
@ConfigurationProperties("telephony.ingest")
public record WebhookProperties(@DefaultValue("64KB") @NotNull DataSize maxBodySize,
		@DefaultValue("5s") @NotNull Duration kafkaSendTimeout) {
}
