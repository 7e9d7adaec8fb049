package dev.telephony.localstack;

import java.nio.file.Path;
import java.util.List;

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
		String banner = Banner.ready(vonage, "localhost:9092", Path.of("/repo/.local/logs"), false);
		assertThat(banner).contains("Vonage sandbox on http://localhost:8090", "http://127.0.0.1:8000/mcp",
				"localhost:9092", "/repo/.local/logs", Banner.CLAUDE_DESKTOP_CONFIG,
				"npx -y @modelcontextprotocol/inspector@2.12.0 --cli http://127.0.0.1:8000/mcp --transport http --method tools/list",
				"MCP auth:  none: open to clients on this machine only");
		assertThat(Banner.ready(vonage, "localhost:9092", Path.of("/repo/.local/logs"), true))
			.contains("MCP auth:  bearer token required");
	}

}
