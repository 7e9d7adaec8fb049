package dev.telephony.sandbox.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.telephony.sandbox.json.StrictJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Who answers which number how: the built-in scenario file, laid over by
 * {@code sandbox.scenarios-file}, laid over by what tests set through the admin API. An
 * exact number beats a prefix, a longer prefix a shorter one.
 */
@Component
public class ScenarioBook {

	static final String BUILT_IN = "vonage-sandbox-scenarios.yaml";

	private static final Pattern KEY = Pattern.compile("[0-9]{1,15}|[0-9]{0,14}\\*");

	private final ScenarioFile file;

	private final Map<String, Scenario> overrides = new ConcurrentHashMap<>();

	ScenarioBook(ScenarioProperties properties) {
		ScenarioFile builtIn = read(builtInText(), BUILT_IN);
		ScenarioFile combined = builtIn;
		if (properties.scenariosFile() != null) {
			try {
				combined = builtIn.overriddenBy(read(Files.readString(properties.scenariosFile()),
						"sandbox.scenarios-file (" + properties.scenariosFile() + ")"));
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot read sandbox.scenarios-file " + properties.scenariosFile(), ex);
			}
		}
		if (combined.defaults() == null || combined.defaults().voice() == null || combined.defaults().sms() == null) {
			throw new IllegalStateException("The scenario files define no default voice and sms behaviour");
		}
		this.file = combined;
	}

	/**
	 * The behaviour of a called number.
	 * @param number E.164 digits
	 * @return its voice behaviour
	 */
	public Scenario.Voice voice(String number) {
		return resolve(number, Scenario::voice);
	}

	/**
	 * The behaviour of a texted number.
	 * @param number E.164 digits
	 * @return its SMS behaviour
	 */
	public Scenario.Sms sms(String number) {
		return resolve(number, Scenario::sms);
	}

	private <T> T resolve(String number, Function<Scenario, @Nullable T> half) {
		Map<String, Scenario> numbers = numbers();
		Optional<T> found = numbers.keySet()
			.stream()
			.filter((key) -> key.equals(number)
					|| (key.endsWith("*") && number.startsWith(key.substring(0, key.length() - 1))))
			// An exact number is more specific than any prefix of the same length.
			.sorted(Comparator.comparingInt((String key) -> key.endsWith("*") ? key.length() - 1 : 100).reversed())
			.map((key) -> half.apply(numbers.get(key)))
			.filter((value) -> value != null)
			.findFirst();
		return found.orElseGet(() -> half.apply(this.file.defaults()));
	}

	ScenarioFile effective() {
		return new ScenarioFile(this.file.defaults(), numbers());
	}

	private Map<String, Scenario> numbers() {
		Map<String, Scenario> numbers = new LinkedHashMap<>(this.file.numbersOrEmpty());
		numbers.putAll(this.overrides);
		return numbers;
	}

	void put(String key, Scenario scenario) {
		List<String> problems = new ArrayList<>();
		checkKey(key, problems);
		problems.addAll(scenario.problems(""));
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(String.join("; ", problems));
		}
		this.overrides.put(key, scenario);
	}

	void reset() {
		this.overrides.clear();
	}

	private static ScenarioFile read(String text, String source) {
		ScenarioFile file;
		try {
			file = StrictJson.readYaml(text, ScenarioFile.class);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException(source + " is not a valid scenario file: " + ex.getOriginalMessage(), ex);
		}
		List<String> problems = new ArrayList<>();
		if (file.defaults() != null) {
			problems.addAll(file.defaults().problems("default."));
		}
		file.numbersOrEmpty().forEach((key, scenario) -> {
			checkKey(key, problems);
			problems.addAll(scenario.problems("numbers." + key + "."));
		});
		if (!problems.isEmpty()) {
			throw new IllegalStateException(source + " is not a valid scenario file: " + String.join("; ", problems));
		}
		return file;
	}

	private static void checkKey(String key, List<String> problems) {
		if (!KEY.matcher(key).matches()) {
			problems.add("'" + key + "' must be an E.164 number (digits only) or a prefix ending in *");
		}
	}

	private static String builtInText() {
		try (InputStream in = new ClassPathResource(BUILT_IN).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Built-in " + BUILT_IN + " is missing from the classpath", ex);
		}
	}

}
