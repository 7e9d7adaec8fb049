package dev.telephony.systemtests.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.telephony.testsupport.ExternalTools;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus configuration, rules and dashboards as files: promtool accepts them,
 * every alert follows the conventions and has a unit test, and PromQL names only series
 * that exist or are recorded. Whether the services export those series is
 * {@code LiveMonitoringTests}' job.
 */
class MonitoringRulesTests {

	@Test
	void promtoolAcceptsTheConfigurationAndRulesAndEveryAlertTestPasses() throws Exception {
		ExternalTools.require("promtool");
		assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS");
		assertThat(promtool("check", "rules", "rules/recording.yml", "rules/alerts.yml")).doesNotContain("FAILED");
		assertThat(promtool("test", "rules", "tests/alerts.test.yml")).contains("SUCCESS");
	}

	@Test
	void everyAlertIsNamedLabelledAnnotatedAndTested() throws IOException {
		String tests = Files.readString(MonitoringFiles.PROMETHEUS.resolve("tests/alerts.test.yml"),
				StandardCharsets.UTF_8);
		List<Map<String, Object>> alerts = MonitoringFiles.rules()
			.stream()
			.filter((rule) -> rule.containsKey("alert"))
			.toList();
		assertThat(alerts).hasSizeGreaterThanOrEqualTo(7);
		for (Map<String, Object> alert : alerts) {
			String name = (String) alert.get("alert");
			assertThat(name).as("CamelCase with a component prefix")
				.matches("(Telephony|Gateway|Dispatcher|Ingest)[A-Z][A-Za-z]+");
			@SuppressWarnings("unchecked")
			Map<String, Object> labels = (Map<String, Object>) alert.get("labels");
			@SuppressWarnings("unchecked")
			Map<String, Object> annotations = (Map<String, Object>) alert.get("annotations");
			assertThat(labels).as(name).containsKey("severity");
			assertThat(labels.get("severity")).as(name).isIn("critical", "warning");
			assertThat(annotations).as(name).containsKeys("summary", "description");
			if ("critical".equals(labels.get("severity"))) {
				assertThat(annotations).as(name + " is critical").containsKey("runbook_url");
				assertThat(MonitoringFiles.ROOT.resolve(annotations.get("runbook_url").toString()))
					.as(name + "'s runbook")
					.isRegularFile();
			}
			assertThat(tests).as("a promtool test for " + name).contains("alertname: " + name + "\n");
		}
	}

	@Test
	void recordedSeriesThatRulesAndDashboardsUseAreRecorded() {
		List<String> expressions = new java.util.ArrayList<>(MonitoringFiles.ruleExpressions());
		expressions.addAll(MonitoringFiles.dashboardExpressions());
		assertThat(MonitoringFiles.dashboardExpressions()).hasSizeGreaterThan(20);
		expressions.stream()
			.flatMap((expression) -> MonitoringFiles.metricNames(expression).stream())
			.filter((name) -> name.contains(":"))
			.forEach((name) -> assertThat(MonitoringFiles.recordedNames()).as("recorded").contains(name));
	}

	@Test
	void metricNamesAreReadOffPromQlAndNothingElse() {
		assertThat(MonitoringFiles.metricNames(
				"histogram_quantile(0.99, sum by (le) (rate(telephony_mcp_tool_calls_seconds_bucket{tool=\"send_sms\",le=\"1.0\"}[5m]))) > 1e3 and on(job) up offset 5m"))
			.containsExactlyInAnyOrder("telephony_mcp_tool_calls_seconds_bucket", "up");
		assertThat(MonitoringFiles.metricNames("telephony:dispatch_failure:ratio5m > (14.4 * 0.01)"))
			.containsExactly("telephony:dispatch_failure:ratio5m");
	}

	@Test
	void selectorsAndTheLabelValuesTheyNameAreReadOffPromQl() {
		List<MonitoringFiles.Selector> selectors = MonitoringFiles.selectors(
				"sum(rate(telephony_commands_processed_total{application=\"dispatcher\", outcome=~\"failed|dead_lettered\"}[5m]))"
						+ " / sum(rate(telephony_commands_processed_total{outcome!=\"duplicate\"}[5m])) and on(job) up");
		assertThat(selectors).extracting(MonitoringFiles.Selector::name)
			.containsExactly("telephony_commands_processed_total", "telephony_commands_processed_total");
		assertThat(selectors.get(0).matchers()).extracting(MonitoringFiles.LabelMatcher::pinnedValues)
			.containsExactly(List.of("dispatcher"), List.of("failed", "dead_lettered"));
		assertThat(selectors.get(1).matchers()).singleElement().satisfies((matcher) -> {
			assertThat(matcher.pinnedValues()).isEmpty();
			assertThat(matcher.matches("success")).isTrue();
			assertThat(matcher.matches("duplicate")).isFalse();
		});
		assertThat(MonitoringFiles.selectors("telephony_x_bucket{le=~\"0\\\\.0.*\"}")
			.get(0)
			.matchers()
			.get(0)
			.pinnedValues()).as("a regex that is more than alternatives names no value").isEmpty();
	}

	private static String promtool(String... args) throws Exception {
		List<String> command = new java.util.ArrayList<>(List.of("promtool"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).directory(MonitoringFiles.PROMETHEUS.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
		return output;
	}

}
