package dev.telephony.gateway.tools;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long commands live and how long tool calls wait for them.
 *
 * @param commandTtl how long a command may wait to be executed before the dispatcher
 * drops it
 * @param maxWait how long a tool call blocks for an outcome before it answers "pending"
 * @param maxWaitCap the longest wait a tool call may ask for with {@code timeout_seconds}
 * or {@code wait_seconds}
 * @param smsReplyWindow how long after sending a reply still counts as the answer to an
 * {@code sms_with_input}
 */
@Validated
@ConfigurationProperties("telephony.gateway")
public record WaitProperties(@DefaultValue("30s") @NotNull Duration commandTtl,
		@DefaultValue("45s") @NotNull Duration maxWait, @DefaultValue("120s") @NotNull Duration maxWaitCap,
		@DefaultValue("1h") @NotNull Duration smsReplyWindow) {

}
