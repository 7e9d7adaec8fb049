package dev.telephony.dispatcher.vonage;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Vonage (or the sandbox).
 *
 * @param applicationId the Vonage application id; {@code VONAGE_APPLICATION_ID}
 * @param privateKeyPath the application's PKCS#8 private key file;
 * {@code VONAGE_PRIVATE_KEY_PATH}
 * @param privateKey the same key as PEM text, instead of a file
 * @param apiBaseUrl base of the Voice and Messages APIs
 * @param callbackBaseUrl public base URL of webhook-ingest, handed to Vonage in webhook
 * URLs; {@code CALLBACK_SERVER_URL}
 * @param timeout connect and read timeout of one provider request
 */
@Validated
@ConfigurationProperties("telephony.vonage")
public record VonageProperties(@DefaultValue("") String applicationId, @DefaultValue("") String privateKeyPath,
		@DefaultValue("") String privateKey, @DefaultValue("https://api.nexmo.com") @NotNull URI apiBaseUrl,
		@DefaultValue("http://localhost:8080") @NotNull URI callbackBaseUrl,
		@DefaultValue("10s") @NotNull Duration timeout) {

	@AssertTrue(message = "set telephony.vonage.application-id (VONAGE_APPLICATION_ID) and a private key: "
			+ "telephony.vonage.private-key-path (VONAGE_PRIVATE_KEY_PATH) or telephony.vonage.private-key")
	public boolean isCredentialsComplete() {
		return !this.applicationId.isBlank() && !(this.privateKeyPath.isBlank() && this.privateKey.isBlank());
	}

	@Override
	public String toString() {
		return "VonageProperties[applicationId=" + this.applicationId + ", privateKeyPath=" + this.privateKeyPath
				+ ", privateKey=" + (this.privateKey.isBlank() ? "" : "(hidden)") + ", apiBaseUrl=" + this.apiBaseUrl
				+ ", callbackBaseUrl=" + this.callbackBaseUrl + ", timeout=" + this.timeout + "]";
	}

}
