package dev.telephony.gateway.tools;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Conversation calls.
 *
 * @param idleLimit how long the line is held for the model without a turn before the
 * callee hears a goodbye and the call ends; ingest enforces it, so it holds with every
 * gateway down
 */
@Validated
@ConfigurationProperties("telephony.gateway.conversation")
public record ConversationProperties(
		@DefaultValue("120s") @NotNull @DurationMin(seconds = 5) @DurationMax(hours = 1) Duration idleLimit) {

}
