package dev.telephony.sandbox.journal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much the sandbox remembers.
 *
 * @param journalCapacity how many journal entries, and how many calls, are kept (oldest
 * dropped first)
 */
@Validated
@ConfigurationProperties("sandbox")
public record JournalProperties(@DefaultValue("10000") @Min(1) @Max(1_000_000) int journalCapacity) {
}
