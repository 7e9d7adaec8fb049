package dev.telephony.gateway.view;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The call and message view.
 *
 * @param lookBack how far back the view replays the topics at start-up, and how long it
 * remembers
 */
@Validated
@ConfigurationProperties("telephony.gateway")
public record ViewProperties(@DefaultValue("24h") @NotNull Duration lookBack) {

}
