package dev.telephony.ingest.readapi;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The recent-events read API.
 *
 * @param capacity how many recent events are kept in memory, oldest dropped first
 * @param lookBack how far back the events topic is replayed on start
 */
@Validated
@ConfigurationProperties("telephony.ingest.read-api")
record ReadApiProperties(@DefaultValue("10000") @Positive int capacity,
		@DefaultValue("24h") @NotNull Duration lookBack) {
}
