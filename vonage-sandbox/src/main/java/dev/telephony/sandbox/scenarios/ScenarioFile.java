package dev.telephony.sandbox.scenarios;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A scenario file: the behaviour of numbers not listed, and per number or prefix (ending
 * in {@code *}) the listed ones.
 *
 * @param defaults behaviour of every other number
 * @param numbers behaviour by E.164 number (digits only) or prefix such as {@code 4420*}
 */
record ScenarioFile(@JsonProperty("default") @Nullable Scenario defaults, @Nullable Map<String, Scenario> numbers) {

	Map<String, Scenario> numbersOrEmpty() {
		return (this.numbers != null) ? this.numbers : Map.of();
	}

	/**
	 * This file with another laid over it: its default halves and numbers win.
	 * @param override the file laid over this one
	 * @return the combination
	 */
	ScenarioFile overriddenBy(ScenarioFile override) {
		Map<String, Scenario> combined = new LinkedHashMap<>(numbersOrEmpty());
		combined.putAll(override.numbersOrEmpty());
		Scenario base = this.defaults;
		Scenario over = override.defaults;
		Scenario defaults = (over == null) ? base
				: new Scenario((over.voice() != null) ? over.voice() : (base != null) ? base.voice() : null,
						(over.sms() != null) ? over.sms() : (base != null) ? base.sms() : null);
		return new ScenarioFile(defaults, combined);
	}

}
