package dev.telephony.sandbox.scenarios;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where scenarios come from and how fast they play.
 *
 * @param scenariosFile YAML or JSON scenario file that overrides and extends the built-in
 * one
 * @param timeScale factor applied to every scripted delay (ring time, answer delay, talk
 * duration, input timeouts, reply delay), so tests can run calls faster than real time
 */
@Validated
@ConfigurationProperties("sandbox")
public record ScenarioProperties(@Nullable Path scenariosFile,
		@DefaultValue("1.0") @DecimalMin("0.001") @DecimalMax("100") double timeScale) {

	/**
	 * Scales a scripted delay by {@code sandbox.time-scale}.
	 * @param scripted the delay in real time
	 * @return the delay to actually wait
	 */
	public Duration scaled(Duration scripted) {
		return Duration.ofNanos((long) (scripted.toNanos() * this.timeScale));
	}

}
