package dev.telephony.ingest.voice;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How ingest holds a conversation call between model turns (ADR 8).
 *
 * @param idleGoodbye what the callee hears when the hold has lasted the call's idle limit
 * without a model turn; the call ends once it has been spoken
 */
@Validated
@ConfigurationProperties("telephony.ingest.conversation")
record ConversationProperties(@DefaultValue("Sorry, I have not been able to get back to you in time, "
		+ "so I will end the call now. Goodbye.") @NotBlank @Size(max = 1500) String idleGoodbye) {
}
