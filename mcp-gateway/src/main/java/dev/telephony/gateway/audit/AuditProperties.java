package dev.telephony.gateway.audit;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The audit trail of tool calls.
 *
 * @param includeText whether SMS text and spoken prompts go into audit records; off by
 * default, because they are personal data the audit rarely needs
 * @param retention how long the audit topic keeps records, when this gateway creates it
 */
@Validated
@ConfigurationProperties("telephony.gateway.audit")
public record AuditProperties(@DefaultValue("false") boolean includeText,
		@DefaultValue("90d") @NotNull Duration retention) {

}
