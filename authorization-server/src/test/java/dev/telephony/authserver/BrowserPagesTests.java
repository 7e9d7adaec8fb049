package dev.telephony.authserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.telephony.testsupport.ExternalTools;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in and consent pages in a real browser, Debian's headless Chromium: the plain
 * command line for the rendered DOM of the sign-in page, and Playwright (its core library
 * only, driving that Chromium) for the whole flow, which needs a session. Screenshots go
 * to target/screenshots.
 */
class BrowserPagesTests {

	private static final String PLAYWRIGHT_VERSION = "1.65.1";

	private static final Path SCREENSHOTS = Path.of("target/screenshots");

	@TempDir
	static Path dataDir;

	static AuthServer server;

	static HttpServer callback;

	@BeforeAll
	static void start() throws IOException {
		ExternalTools.require("chromium");
		server = AuthServer.start(dataDir);
		// Where the browser lands with the code, as an MCP client's local callback.
		callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		callback.createContext("/", (exchange) -> {
			byte[] page = "<!DOCTYPE html><html lang=\"en\"><title>Done</title><main>Done</main></html>"
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		callback.start();
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	static void stop() {
		if (callback != null) {
			callback.stop(0);
		}
		if (server != null) {
			server.close();
		}
	}

	@Test
	void signInPageRendersAccessibly(@TempDir Path profile) throws Exception {
		String dom = run(profile, chromium(profile, "--dump-dom", server.url("/login")));
		assertThat(dom).contains("<html lang=\"en\"", "<title>Sign in", "<main>", "<label for=\"username\">",
				"id=\"username\"", "<label for=\"password\">", "id=\"password\"", ">Sign in</button>");
		run(profile, chromium(profile, "--screenshot=" + SCREENSHOTS.toAbsolutePath().resolve("login-cli.png"),
				"--window-size=1000,800", server.url("/login")));
		assertThat(SCREENSHOTS.resolve("login-cli.png")).isNotEmptyFile();
	}

	@Test
	void personSignsInAndApprovesInTheBrowser(@TempDir Path work) throws Exception {
		ExternalTools.require("node");
		ExternalTools.require("npm");
		Path playwright = installPlaywright();
		String redirectUri = "http://127.0.0.1:" + callback.getAddress().getPort() + "/callback";
		Browser http = new Browser();
		HttpResponse<String> registered = http.postJson(server.url("/oauth2/register"), """
				{"client_name":"Browser check","redirect_uris":["%s"],"token_endpoint_auth_method":"none",
				 "grant_types":["authorization_code","refresh_token"],"scope":"sms:send calls:place status:read"}"""
			.formatted(redirectUri));
		String clientId = Browser.json(registered).get("client_id").asString();
		String verifier = "browser-check-verifier-0123456789-abcdefghijklmnop";
		String authorize = server.url("/oauth2/authorize") + "?response_type=code&client_id=" + clientId
				+ "&redirect_uri=" + Browser.encode(redirectUri) + "&scope=" + Browser.encode("sms:send calls:place")
				+ "&state=browser-state&code_challenge=" + OAuthFlow.challenge(verifier)
				+ "&code_challenge_method=S256&resource=" + Browser.encode(OAuthFlow.RESOURCE);

		Path script = Path.of("src/test/resources/browser/sign-in-and-consent.cjs").toAbsolutePath();
		String output = run(work, List.of("node", script.toString(), playwright.toString(), authorize, AuthServer.USER,
				AuthServer.PASSWORD, SCREENSHOTS.toAbsolutePath().toString(), redirectUri));
		JsonNode seen = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(output.lines().reduce((first, last) -> last).orElseThrow());

		assertThat(seen.get("loginLang").asString()).isEqualTo("en");
		assertThat(seen.get("loginTitle").asString()).startsWith("Sign in");
		assertThat(seen.get("loginHasMain").asInt()).isEqualTo(1);
		assertThat(seen.get("loginAlert").asString()).contains("Wrong user name or password");
		assertThat(seen.get("consentLang").asString()).isEqualTo("en");
		assertThat(seen.get("consentTitle").asString()).contains("Browser check");
		assertThat(seen.get("consentText").asString()).contains("Browser check", OAuthFlow.RESOURCE, AuthServer.USER);
		assertThat(seen.get("scopeLabels").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder(
				"Send text messages (SMS) from your phone number and wait for the replies\nsms:send",
				"Place phone calls from your phone number and talk on them\ncalls:place");
		assertThat(seen.get("denyButtons").asInt()).isEqualTo(1);
		String finalUrl = seen.get("finalUrl").asString();
		assertThat(Browser.queryParam(finalUrl, "state")).isEqualTo("browser-state");
		for (String shot : List.of("login.png", "login-error.png", "consent.png")) {
			assertThat(SCREENSHOTS.resolve(shot)).isNotEmptyFile();
		}

		HttpResponse<String> tokens = http.postForm(server.url("/oauth2/token"), "grant_type", "authorization_code",
				"code", Browser.queryParam(finalUrl, "code"), "redirect_uri", redirectUri, "client_id", clientId,
				"code_verifier", verifier, "resource", OAuthFlow.RESOURCE);
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
	}

	private static List<String> chromium(Path profile, String... args) {
		List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + profile.resolve("profile")));
		command.addAll(List.of(args));
		return command;
	}

	/** playwright-core from npm into target/, once per build directory. */
	private static Path installPlaywright() throws Exception {
		Path prefix = Path.of("target/browser-check").toAbsolutePath();
		Path module = prefix.resolve("node_modules/playwright-core");
		if (!Files.isDirectory(module)) {
			Files.createDirectories(prefix);
			Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
					prefix.toString(), "playwright-core@" + PLAYWRIGHT_VERSION)
				.redirectErrorStream(true)
				.redirectOutput(prefix.resolve("npm-install.log").toFile())
				.start();
			boolean done = npm.waitFor(3, TimeUnit.MINUTES);
			ExternalTools.require(done && npm.exitValue() == 0 && Files.isDirectory(module),
					"npm could not install playwright-core (see " + prefix.resolve("npm-install.log") + ")",
					"let npm reach its registry");
		}
		return module;
	}

	private static String run(Path dir, List<String> command) throws Exception {
		Path log = Files.createTempFile(dir, "out", ".txt");
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(false)
			.redirectOutput(log.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("timed out: " + command.get(0));
		}
		String output = Files.readString(log);
		assertThat(process.exitValue()).as(command.get(0) + " failed: " + output).isZero();
		return output;
	}

}
