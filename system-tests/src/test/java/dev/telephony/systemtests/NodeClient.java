package dev.telephony.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client script run by Node with the MCP TypeScript SDK installed beside it from npm,
 * once per build directory.
 */
public final class NodeClient {

	static final String SDK = "@modelcontextprotocol/sdk@1.32.2";

	private final Path dir;

	private NodeClient(Path dir) {
		this.dir = dir;
	}

	public static NodeClient install(String script) throws IOException, InterruptedException {
		Path dir = Files.createDirectories(Path.of("target", "oauth", "client")).toAbsolutePath();
		try (InputStream in = NodeClient.class.getResourceAsStream("/oauth/" + script)) {
			Files.copy(in, dir.resolve(script), StandardCopyOption.REPLACE_EXISTING);
		}
		if (!Files.isDirectory(dir.resolve("node_modules/@modelcontextprotocol/sdk"))) {
			Files.writeString(dir.resolve("package.json"), "{\"private\":true,\"type\":\"module\"}");
			run(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--silent", SDK), 5);
		}
		return new NodeClient(dir);
	}

	/** Runs the script; returns what it printed, a line per element. */
	public List<String> run(String script, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("node", script));
		command.addAll(List.of(args));
		return run(this.dir, command, 3).lines().toList();
	}

	private static String run(Path dir, List<String> command, int minutes) throws IOException, InterruptedException {
		Path output = Files.createTempFile(dir, "node", ".log");
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		boolean finished = process.waitFor(minutes, TimeUnit.MINUTES);
		if (!finished) {
			process.destroyForcibly();
		}
		String printed = Files.readString(output, StandardCharsets.UTF_8);
		assertThat(finished).as(String.join(" ", command) + " finished within " + minutes + " minutes:\n" + printed)
			.isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + printed).isZero();
		return printed;
	}

}
