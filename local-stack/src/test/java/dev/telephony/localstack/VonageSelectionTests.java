package dev.telephony.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class VonageSelectionTests {

	@TempDir
	Path dir;

	@Test
	void noCredentialsMeansSandbox() {
		VonageSelection selection = VonageSelection.choose(Map.of(), false);
		assertThat(selection.sandbox()).isTrue();
		assertThat(selection.description()).contains("sandbox", "no real calls");
		assertThat(selection.warnings()).isEmpty();
	}

	@Test
	void halfTheCredentialsMeansSandboxWithAWarning() {
		VonageSelection selection = VonageSelection.choose(Map.of("VONAGE_APPLICATION_ID", "app"), false);
		assertThat(selection.sandbox()).isTrue();
		assertThat(selection.warnings()).singleElement().asString().contains("Only one of");
	}

	@Test
	void credentialsMeanRealVonage() throws Exception {
		Path key = Files.writeString(this.dir.resolve("private.key"), "key");
		VonageSelection selection = VonageSelection
			.choose(Map.of("VONAGE_APPLICATION_ID", "app-1", "VONAGE_PRIVATE_KEY_PATH", key.toString(),
					"CALLBACK_SERVER_URL", "https://tunnel.example", "VONAGE_LVN", "447700900001"), false);
		assertThat(selection.sandbox()).isFalse();
		assertThat(selection.description()).contains("real Vonage", "app-1");
		assertThat(selection.warnings()).isEmpty();
	}

	@Test
	void realVonageWithoutCallbackUrlWarns() throws Exception {
		Path key = Files.writeString(this.dir.resolve("private.key"), "key");
		VonageSelection selection = VonageSelection.choose(Map.of("VONAGE_APPLICATION_ID", "app-1",
				"VONAGE_PRIVATE_KEY_PATH", key.toString(), "VONAGE_LVN", "447700900001"), false);
		assertThat(selection.sandbox()).isFalse();
		assertThat(selection.warnings()).singleElement()
			.asString()
			.contains("CALLBACK_SERVER_URL is not set", "localhost");
	}

	@Test
	void sandboxOptionWins() {
		VonageSelection selection = VonageSelection
			.choose(Map.of("VONAGE_APPLICATION_ID", "app-1", "VONAGE_PRIVATE_KEY_PATH", "/nowhere"), true);
		assertThat(selection.sandbox()).isTrue();
		assertThat(selection.description()).contains("forced by --sandbox", "not used");
	}

}
