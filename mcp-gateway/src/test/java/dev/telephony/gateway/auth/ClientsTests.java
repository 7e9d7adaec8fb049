package dev.telephony.gateway.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientsTests {

	@Test
	void tokensFromConfigurationFileAndEnvironmentAllNameTheirClient(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("tokens");
		Files.writeString(file, "# issued 2026-11-24\n\nci   " + Clients.sha256("ci-token") + "\n");
		Clients clients = new Clients(properties(Map.of("desktop", Clients.sha256("desktop-token").toUpperCase()), file,
				"cron=cron-token, other=other=token"));

		assertThat(clients.authenticate("desktop-token")).hasValue("desktop");
		assertThat(clients.authenticate("ci-token")).hasValue("ci");
		assertThat(clients.authenticate("cron-token")).hasValue("cron");
		assertThat(clients.authenticate("other=token")).hasValue("other");
		assertThat(clients.authenticate("desktop")).isEmpty();
		assertThat(clients.count()).isEqualTo(4);
	}

	@Test
	void aPlainTokenWhereAHashBelongsIsRefusedWithoutEchoingIt() {
		assertThatThrownBy(() -> new Clients(properties(Map.of("desktop", "my-secret-token"), null, "")))
			.hasMessage("telephony.gateway.auth.tokens.desktop: expected the token's SHA-256 as 64 hex digits"
					+ " (printf %s \"$TOKEN\" | sha256sum), not the token itself");
	}

	@Test
	void malformedEntriesAreRefusedAtStartUp(@TempDir Path dir) throws IOException {
		assertThatThrownBy(() -> new Clients(properties(Map.of(), null, "just-a-token")))
			.hasMessageContaining("name=token")
			.hasMessageNotContaining("just-a-token");
		assertThatThrownBy(() -> new Clients(properties(Map.of(), null, "a=one,b=one")))
			.hasMessage("MCP_AUTH_TOKENS: the same token is configured for both 'a' and 'b'");
		Path file = dir.resolve("tokens");
		Files.writeString(file, "ci\n");
		assertThatThrownBy(() -> new Clients(properties(Map.of(), file, "")))
			.hasMessageEndingWith("line 1: expected '<name> <sha256-hex>', found 1 fields");
		assertThatThrownBy(() -> new Clients(properties(Map.of("bad name", Clients.sha256("x")), null, "")))
			.hasMessageContaining("a client name is 1 to 64 letters");
	}

	@Test
	void noTokenMeansNoClients() {
		assertThat(new Clients(properties(Map.of(), null, " ")).none()).isTrue();
	}

	@Test
	void propertiesNeverPrintTheirPlainTokens() {
		assertThat(properties(Map.of(), null, "cron=cron-token")).asString()
			.doesNotContain("cron-token")
			.contains("<redacted>");
	}

	private static AuthProperties properties(Map<String, String> hashes, Path file, String plain) {
		return new AuthProperties(hashes, file, plain, true, "telephony-gateway");
	}

}
