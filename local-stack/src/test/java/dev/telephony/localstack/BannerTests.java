package dev.telephony.localstack;

import java.nio.file.Path;
import java.util.List;

import dev.telephony.localstack.LocalSignIn.Account;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BannerTests {

	@Test
	void claudeDesktopSnippetIsTheExpectedJson() {
		assertThat(Banner.CLAUDE_DESKTOP_CONFIG.replaceAll("\\s", "")).isEqualTo(
				"{\"mcpServers\":{\"telephony\":{\"command\":\"npx\",\"args\":[\"-y\",\"mcp-remote\",\"http://127.0.0.1:8000/mcp\"]}}}");
	}

	@Test
	void readyMessageSaysWhereEverythingIs() {
		VonageSelection vonage = new VonageSelection(true, "Vonage sandbox on http://localhost:8090", List.of());
		Account signIn = new Account("local", "$2a$10$hash", Path.of("/repo/.local/auth/local-password"));
		String banner = Banner.ready(vonage, "localhost:9092", Path.of("/repo/.local/logs"), false, signIn);
		assertThat(banner).contains("Vonage sandbox on http://localhost:8090", "http://127.0.0.1:8000/mcp",
				"localhost:9092", "/repo/.local/logs", Banner.CLAUDE_DESKTOP_CONFIG,
				"npx -y @modelcontextprotocol/inspector@2.12.0 --cli http://127.0.0.1:8000/mcp --transport http --method tools/list",
				"MCP auth:  none for clients on this machine; any token sent is checked",
				"OAuth:     http://127.0.0.1:8000/mcp is also the connector URL for OAuth clients; they sign in at"
						+ " http://127.0.0.1:9000",
				"as local, with the password in /repo/.local/auth/local-password")
			.doesNotContain("$2a$10$hash");
		assertThat(Banner.ready(vonage, "localhost:9092", Path.of("/repo/.local/logs"), true, signIn))
			.contains("MCP auth:  bearer token required");
	}

}
