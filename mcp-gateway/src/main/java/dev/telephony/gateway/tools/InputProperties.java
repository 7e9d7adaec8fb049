package dev.telephony.gateway.tools;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How tool arguments are read: the sender when none is named, the region of national
 * numbers, the longest SMS.
 *
 * @param defaultFrom the Vonage number (or alphanumeric sender id) used when a tool call
 * names no sender; {@code VONAGE_LVN}
 * @param defaultRegion ISO 3166 region for numbers written without a country code; empty
 * means every number must be international
 * @param smsMaxLength the longest SMS text accepted, in characters (Vonage takes up to
 * 3200)
 */
@Validated
@ConfigurationProperties("telephony.gateway")
public record InputProperties(@DefaultValue("") String defaultFrom,
		@DefaultValue("") @Pattern(regexp = "|[A-Z]{2}") String defaultRegion,
		@DefaultValue("1600") @Min(1) @Max(3200) int smsMaxLength) {

}
