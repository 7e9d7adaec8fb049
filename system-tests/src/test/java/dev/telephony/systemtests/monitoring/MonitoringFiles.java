package dev.telephony.systemtests.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository's monitoring folder as data: dashboards, rules and what their PromQL
 * refers to.
 */
public final class MonitoringFiles {

	/** The repository root: surefire runs in the system-tests module. */
	public static final Path ROOT = Path.of("").toAbsolutePath().getParent();

	public static final Path PROMETHEUS = ROOT.resolve("monitoring/prometheus");

	public static final Path DASHBOARDS = ROOT.resolve("monitoring/grafana/dashboards");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");

	private static final Pattern LABEL_LISTS = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	// An identifier not preceded by a digit or dot (so not 1e3 or 5m) and not followed
	// by "(" (so not a function); possessive, so that "rate(" cannot match as "rat".
	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

	// A series selector with its label matchers: name{label="value", ...}.
	private static final Pattern SELECTOR = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");

	private static final Pattern MATCHER = Pattern
		.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN");

	private MonitoringFiles() {
	}

	/** Every PromQL expression of the dashboards, with Grafana's variables filled in. */
	public static List<String> dashboardExpressions() {
		List<String> expressions = new ArrayList<>();
		JsonMapper json = JsonMapper.builder().build();
		for (Path dashboard : list(DASHBOARDS, ".json")) {
			collectExpressions(json.readTree(dashboard.toFile()), expressions);
		}
		return expressions.stream()
			.map((expr) -> expr.replace("$__rate_interval", "1m")
				.replace("$__interval", "1m")
				.replace("$__range", "5m"))
			.toList();
	}

	/** The rule files' groups of rules. */
	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> rules() {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Path file : list(PROMETHEUS.resolve("rules"), ".yml")) {
			Map<String, Object> document = yaml(file);
			for (Map<String, Object> group : (List<Map<String, Object>>) document.get("groups")) {
				rules.addAll((List<Map<String, Object>>) group.get("rules"));
			}
		}
		return rules;
	}

	public static List<String> ruleExpressions() {
		return rules().stream().map((rule) -> rule.get("expr").toString()).toList();
	}

	public static Set<String> recordedNames() {
		Set<String> names = new HashSet<>();
		rules().stream()
			.filter((rule) -> rule.containsKey("record"))
			.forEach((rule) -> names.add((String) rule.get("record")));
		return names;
	}

	/** The series names an expression reads. */
	public static Set<String> metricNames(String expression) {
		String stripped = STRING.matcher(expression).replaceAll("\"\"");
		stripped = LABEL_MATCHERS.matcher(stripped).replaceAll(" ");
		stripped = RANGE.matcher(stripped).replaceAll(" ");
		stripped = LABEL_LISTS.matcher(stripped).replaceAll(" ");
		Set<String> names = new HashSet<>();
		Matcher identifiers = IDENTIFIER.matcher(stripped);
		while (identifiers.find()) {
			if (!KEYWORDS.contains(identifiers.group())) {
				names.add(identifiers.group());
			}
		}
		return names;
	}

	/**
	 * The selectors of an expression that carry label matchers, such as
	 * {@code telephony_commands_processed_total{outcome="dead_lettered"}}.
	 */
	public static List<Selector> selectors(String expression) {
		List<Selector> selectors = new ArrayList<>();
		Matcher selector = SELECTOR.matcher(expression);
		while (selector.find()) {
			List<LabelMatcher> matchers = new ArrayList<>();
			Matcher matcher = MATCHER.matcher(selector.group(2));
			while (matcher.find()) {
				matchers.add(new LabelMatcher(matcher.group(1), matcher.group(2), matcher.group(3)));
			}
			selectors.add(new Selector(selector.group(1), matchers));
		}
		return selectors;
	}

	/** A metric name and the label matchers a query puts on it. */
	public record Selector(String name, List<LabelMatcher> matchers) {
	}

	/** One label matcher: {@code label op "value"}, op one of =, !=, =~, !~. */
	public record LabelMatcher(String label, String op, String value) {

		private static final Pattern ALTERNATIVES = Pattern.compile("[\\w.+-]+(\\|[\\w.+-]+)*");

		/**
		 * The label values the matcher names one by one: the value of an {@code =}, each
		 * alternative of an {@code =~} made only of alternatives; none for the others.
		 */
		public List<String> pinnedValues() {
			if (this.op.equals("=")) {
				return List.of(this.value);
			}
			if (this.op.equals("=~") && ALTERNATIVES.matcher(this.value).matches()) {
				return List.of(this.value.split("\\|"));
			}
			return List.of();
		}

		public boolean matches(String actual) {
			String value = (actual != null) ? actual : "";
			return switch (this.op) {
				case "=" -> value.equals(this.value);
				case "!=" -> !value.equals(this.value);
				case "=~" -> value.matches(this.value);
				default -> !value.matches(this.value);
			};
		}

	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> yaml(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return (Map<String, Object>) new Yaml().load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void collectExpressions(JsonNode node, List<String> expressions) {
		if (node.isObject()) {
			node.properties().forEach((field) -> {
				if (field.getKey().equals("expr") && field.getValue().isString()) {
					expressions.add(field.getValue().asString());
				}
				else {
					collectExpressions(field.getValue(), expressions);
				}
			});
		}
		else if (node.isArray()) {
			node.forEach((element) -> collectExpressions(element, expressions));
		}
	}

	private static List<Path> list(Path dir, String suffix) {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((file) -> file.toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
