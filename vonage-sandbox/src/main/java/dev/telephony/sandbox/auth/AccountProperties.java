package dev.telephony.sandbox.auth;

import java.nio.file.Path;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The simulated Vonage account and application that callers authenticate as.
 *
 * @param applicationId id of the simulated Vonage application; callers' JWTs must carry
 * it as {@code application_id}
 * @param publicKey PEM (X.509 {@code BEGIN PUBLIC KEY}) of the application's RSA public
 * key
 * @param publicKeyPath file holding the same PEM, as an alternative to {@code publicKey}
 * @param apiKey account API key accepted with Basic auth and sent as {@code api_key} in
 * webhook JWTs
 * @param apiSecret account API secret accepted with Basic auth
 */
@Validated
@ConfigurationProperties("sandbox")
public record AccountProperties(@DefaultValue(DEV_APPLICATION_ID) @NotNull UUID applicationId,
		@Nullable String publicKey, @Nullable Path publicKeyPath, @DefaultValue("sandbox-key") @NotBlank String apiKey,
		@DefaultValue("sandbox-secret") @NotBlank String apiSecret) {

	/** Documented development default; real Vonage application ids are random UUIDs. */
	public static final String DEV_APPLICATION_ID = "00000000-0000-4000-8000-000000000000";

	// Secrets must never reach logs, actuator output or failure messages.
	@Override
	public String toString() {
		return "AccountProperties[applicationId=" + this.applicationId + ", publicKey="
				+ ((this.publicKey != null) ? "<set>" : "<unset>") + ", publicKeyPath=" + this.publicKeyPath
				+ ", apiKey=" + this.apiKey + ", apiSecret=<redacted>]";
	}

}
