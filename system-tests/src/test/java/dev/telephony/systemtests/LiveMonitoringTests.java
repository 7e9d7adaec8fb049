package dev.telephony.systemtests;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.telephony.testsupport.ExternalTools;
import dev.telephony.systemtests.monitoring.MonitoringFiles;
import dev.telephony.systemtests.monitoring.MonitoringFiles.LabelMatcher;
import dev.telephony.systemtests.monitoring.MonitoringFiles.Selector;
import dev.telephony.testsupport.FreePorts;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboards and rules against the running services. Freshly started, before any
 * traffic, every service is scraped: every {@code telephony_*} series a dashboard or rule
 * reads must be there already, with each label value a query names, so that no panel
 * shows "No data" and no alert lacks a series to work on. Then a few tool calls go
 * through the whole stack, and every series a dashboard or rule reads must be among what
 * the services export. Where Prometheus is installed, it scrapes the same services with
 * the real rule files, and every rule and dashboard query must evaluate without error.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
class LiveMonitoringTests {

	// Made by Prometheus itself, not by a service.
	private static final Set<String> PROMETHEUS_SERIES = Set.of("up");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void everySeriesTheDashboardsAndRulesReadIsExportedAndEveryQueryEvaluates(@TempDir Path work) throws Exception {
		try (LocalStack stack = new LocalStack(EmbeddedKafkaCondition.getBroker().getBrokersAsString())) {
			Map<String, Integer> services = new LinkedHashMap<>();
			services.put("mcp-gateway", stack.gatewayPort);
			services.put("dispatcher", stack.dispatcherPort);
			services.put("webhook-ingest", stack.ingestPort);
			services.put("vonage-sandbox", stack.sandboxPort);
			assertFreshStackExportsWhatTheQueriesRead(services);

			driveTraffic(stack);

			Set<String> referenced = referencedSeries();
			assertThat(referenced).hasSizeGreaterThan(20);
			// Some series appear once their first event is handled; give the call time to
			// end.
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				Set<String> exported = exportedSeries(services);
				assertThat(exported).as("series exported by the services").containsAll(referenced);
			});
			for (Map.Entry<String, Integer> service : services.entrySet()) {
				assertThat(scrape(service.getValue()).lines().filter((line) -> line.startsWith("telephony_")))
					.as(service.getKey() + " tags every series with its application")
					.allSatisfy((line) -> assertThat(line).contains("application=\"" + service.getKey() + "\""));
			}

			if (ExternalTools.onPath("prometheus")) {
				evaluateWithPrometheus(services, work);
			}
		}
	}

	private void driveTraffic(LocalStack stack) throws Exception {
		try (McpSyncClient mcp = McpClient
			.sync(HttpClientStreamableHttpTransport.builder(stack.gatewayUrl()).endpoint("/mcp").build())
			.requestTimeout(Duration.ofSeconds(60))
			.build()) {
			mcp.initialize();
			CallToolResult sms = mcp
				.callTool(new CallToolRequest("send_sms", Map.of("to", "+447911123456", "text", "metrics")));
			assertThat(sms.isError()).as(sms.toString()).isFalse();
			CallToolResult listened = mcp.callTool(new CallToolRequest("voice_call_with_input",
					Map.of("to", "+14155550111", "prompt_message", "Which day suits you?")));
			assertThat(listened.isError()).as(listened.toString()).isFalse();
			CallToolResult refused = mcp
				.callTool(new CallToolRequest("send_sms", Map.of("to", "+19005550123", "text", "premium")));
			assertThat(refused.isError()).isTrue();
		}
		HttpResponse<String> unsigned = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ingestPort + "/webhooks/voice/event"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"answered\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(unsigned.statusCode()).isEqualTo(401);
	}

	/**
	 * Once, with no await: a series that shows up only later is one a fresh stack does
	 * not export.
	 */
	private void assertFreshStackExportsWhatTheQueriesRead(Map<String, Integer> services) throws Exception {
		List<Sample> exported = new ArrayList<>();
		for (int port : services.values()) {
			exported.addAll(samples(scrape(port)));
		}
		Set<String> exportedNames = exported.stream().map(Sample::name).collect(Collectors.toSet());
		List<String> expressions = new ArrayList<>(MonitoringFiles.dashboardExpressions());
		expressions.addAll(MonitoringFiles.ruleExpressions());

		Set<String> missingNames = referencedSeries().stream()
			.filter((name) -> name.startsWith("telephony_") && !exportedNames.contains(name))
			.collect(Collectors.toCollection(TreeSet::new));
		Set<String> missingValues = new TreeSet<>();
		for (String expression : expressions) {
			for (Selector selector : MonitoringFiles.selectors(expression)) {
				if (selector.name().startsWith("telephony_") && exportedNames.contains(selector.name())) {
					missingValues.addAll(missingValues(selector, exported));
				}
			}
		}
		assertThat(missingNames).as("telephony_* series the dashboards and rules read, missing on a fresh stack")
			.isEmpty();
		assertThat(missingValues)
			.as("label values the dashboards and rules name, missing on a fresh stack (series{label=value})")
			.isEmpty();
	}

	/**
	 * For each label value the selector names (an {@code =}, or each alternative of an
	 * {@code =~}), a series with it that the selector's other matchers select; or, when
	 * it names none, any series it selects.
	 */
	private static List<String> missingValues(Selector selector, List<Sample> exported) {
		List<Sample> named = exported.stream().filter((sample) -> sample.name().equals(selector.name())).toList();
		List<String> missing = new ArrayList<>();
		boolean pinsAny = false;
		for (LabelMatcher pinning : selector.matchers()) {
			for (String value : pinning.pinnedValues()) {
				pinsAny = true;
				boolean present = named.stream()
					.anyMatch((sample) -> value.equals(sample.labels().get(pinning.label())) && selector.matchers()
						.stream()
						.filter((other) -> other != pinning)
						.allMatch((other) -> other.matches(sample.labels().get(other.label()))));
				if (!present) {
					missing.add(selector.name() + "{" + pinning.label() + "=\"" + value + "\"}");
				}
			}
		}
		if (!pinsAny && named.stream()
			.noneMatch((sample) -> selector.matchers()
				.stream()
				.allMatch((matcher) -> matcher.matches(sample.labels().get(matcher.label()))))) {
			missing.add(selector.name() + selector.matchers());
		}
		return missing;
	}

	private static List<Sample> samples(String exposition) {
		return exposition.lines()
			.filter((line) -> !line.startsWith("#") && !line.isBlank())
			.map(LiveMonitoringTests::sample)
			.toList();
	}

	private static Sample sample(String line) {
		String name = line.split("[{ ]", 2)[0];
		Map<String, String> labels = new LinkedHashMap<>();
		int open = line.indexOf('{');
		if (open == name.length()) {
			Matcher label = LABEL.matcher(line.substring(open + 1, line.lastIndexOf('}')));
			while (label.find()) {
				labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
			}
		}
		return new Sample(name, labels);
	}

	private record Sample(String name, Map<String, String> labels) {
	}

	private static Set<String> referencedSeries() {
		List<String> expressions = new ArrayList<>(MonitoringFiles.dashboardExpressions());
		expressions.addAll(MonitoringFiles.ruleExpressions());
		return expressions.stream()
			.flatMap((expression) -> MonitoringFiles.metricNames(expression).stream())
			.filter((name) -> !name.contains(":") && !PROMETHEUS_SERIES.contains(name))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private Set<String> exportedSeries(Map<String, Integer> services) throws Exception {
		Set<String> names = new TreeSet<>();
		for (int port : services.values()) {
			scrape(port).lines()
				.filter((line) -> !line.startsWith("#") && !line.isBlank())
				.map((line) -> line.split("[{ ]", 2)[0])
				.forEach(names::add);
		}
		return names;
	}

	private String scrape(int port) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private void evaluateWithPrometheus(Map<String, Integer> services, Path work) throws Exception {
		int port = FreePorts.next();
		StringBuilder config = new StringBuilder("""
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				rule_files:
				  - %s/rules/*.yml
				scrape_configs:
				""".formatted(MonitoringFiles.PROMETHEUS));
		services.forEach((job, servicePort) -> config.append("""
				  - job_name: %s
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(job, servicePort)));
		Path configFile = work.resolve("prometheus.yml");
		Files.writeString(configFile, config);
		Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + configFile,
				"--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("prometheus.log").toFile())
			.start();
		try {
			String api = "http://127.0.0.1:" + port + "/api/v1/";
			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> query(api, "count(up == 1)").path("data")
					.path("result")
					.path(0)
					.path("value")
					.path(1)
					.asString()
					.equals("4"));
			// Rates need two samples, and the rule groups a few evaluations.
			Thread.sleep(5_000);
			JsonNode groups = get(api + "rules").path("data").path("groups");
			assertThat(groups.size()).as("rule groups loaded").isGreaterThanOrEqualTo(2);
			groups.forEach((group) -> group.path("rules")
				.forEach((rule) -> assertThat(rule.path("health").asString())
					.as(rule.path("name").asString() + ": " + rule.path("lastError").asString())
					.isEqualTo("ok")));
			List<String> empty = new ArrayList<>();
			for (String expression : MonitoringFiles.dashboardExpressions()) {
				JsonNode answer = query(api, expression);
				assertThat(answer.path("status").asString()).as(expression + ": " + answer.path("error").asString())
					.isEqualTo("success");
				if (answer.path("data").path("result").isEmpty()) {
					empty.add(expression);
				}
			}
			// Panels for trouble that did not happen (429s, dead letters) may be empty;
			// the traffic panels may not.
			assertThat(empty).as("dashboard queries with no data")
				.hasSizeLessThan(MonitoringFiles.dashboardExpressions().size() / 2);
			assertThat(query(api, "sum(rate(telephony_mcp_tool_calls_seconds_count[1m]))").path("data").path("result"))
				.isNotEmpty();
		}
		finally {
			prometheus.destroy();
			prometheus.waitFor();
		}
	}

	private JsonNode query(String api, String expression) throws Exception {
		return get(api + "query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
	}

	private JsonNode get(String url) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		return json.readTree(response.body());
	}

}
