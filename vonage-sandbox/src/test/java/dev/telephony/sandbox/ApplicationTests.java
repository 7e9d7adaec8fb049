package dev.telephony.sandbox;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.messages.MessageResponse;
import com.vonage.client.messages.sms.SmsTextRequest;
import dev.telephony.sandbox.auth.AccountProperties;
import dev.telephony.sandbox.webhooks.WebhookProperties;
import dev.telephony.testsupport.ApplicationKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class ApplicationTests extends SandboxTestSupport {

	@Autowired
	ConfigurableEnvironment environment;

	@Autowired
	AccountProperties account;

	@Autowired
	WebhookProperties webhooks;

	@Test
	void configIsReadFromVonageSandboxProperties() {
		PropertySource<?> file = this.environment.getPropertySources()
			.stream()
			.filter((source) -> source.getName().contains("vonage-sandbox.properties"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("vonage-sandbox.properties was not loaded"));
		assertThat(file.getProperty("server.port")).hasToString("8090");
		assertThat(this.environment.getProperty("spring.application.name")).isEqualTo("vonage-sandbox");
		assertThat(this.environment.getProperty("spring.threads.virtual.enabled")).isEqualTo("true");
		assertThat(this.environment.getProperty("logging.level.com.vonage.client")).isEqualTo("ERROR");
	}

	@Test
	void healthAndPrometheusAreExposed() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(json.readTree(health.body()).get("status").asString()).isEqualTo("UP");
		assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
	}

	@Test
	void secretsStayOutOfToString() {
		assertThat(this.account.toString()).doesNotContain(API_SECRET).contains(APPLICATION_ID);
		assertThat(this.webhooks.toString()).doesNotContain(SIGNATURE_SECRET);
	}

	@Test
	void refusesToStartWithoutPublicKey() {
		assertThatException().isThrownBy(() -> VonageSandboxApplication.builder().run("--server.port=0").close())
			.satisfies((ex) -> assertThat(rootCause(ex).getMessage()).contains("sandbox.public-key")
				.contains("sandbox.public-key-path"));
	}

	@Test
	void refusesToStartWithMalformedPublicKey() {
		assertThatException()
			.isThrownBy(() -> VonageSandboxApplication.builder()
				.run("--server.port=0",
						"--sandbox.public-key=-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----")
				.close())
			.satisfies((ex) -> assertThat(causes(ex)).anySatisfy((cause) -> assertThat(cause)
				.hasMessage("sandbox.public-key does not hold a valid RSA public key")));
	}

	@Test
	void refusesToStartWithNonHttpDefaultStatusUrl() {
		assertThatException()
			.isThrownBy(() -> VonageSandboxApplication.builder()
				.run("--server.port=0", "--sandbox.public-key=" + ApplicationKeys.shared().publicKeyPem(),
						"--sandbox.default-status-url=ftp://example.com/status")
				.close())
			.satisfies((ex) -> assertThat(causes(ex))
				.anySatisfy((cause) -> assertThat(cause.getMessage()).contains("defaultStatusUrl")
					.contains("must be an absolute http or https URL")));
	}

	@Test
	void publicKeyCanBeReadFromFile(@TempDir Path directory) throws Exception {
		Path keyFile = Files.writeString(directory.resolve("app.pub"), ApplicationKeys.shared().publicKeyPem());
		try (ConfigurableApplicationContext context = VonageSandboxApplication.builder()
			.run("--server.port=0", "--sandbox.public-key-path=" + keyFile)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			VonageClient client = VonageClient.builder()
				.applicationId(AccountProperties.DEV_APPLICATION_ID)
				.privateKeyContents(ApplicationKeys.shared().privateKeyPem())
				.httpConfig(HttpConfig.builder().apiBaseUri("http://localhost:" + port).build())
				.build();

			MessageResponse response = client.getMessagesClient()
				.sendMessage(SmsTextRequest.builder().from("447700900000").to("447700900123").text("hi").build());

			assertThat(response.getMessageUuid()).isNotNull();
		}
	}

	private static List<Throwable> causes(Throwable ex) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
