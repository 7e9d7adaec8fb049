package dev.telephony.sandbox.json;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Readers for the sandbox's own inputs (scenario files, admin API bodies) that refuse
 * unknown fields: a misspelt setting must fail loudly rather than be ignored, unlike in
 * the simulated Vonage APIs.
 */
public final class StrictJson {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	// YAML is a superset of JSON, so this reads scenario files in either format.
	private static final YAMLMapper YAML = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private StrictJson() {
	}

	/**
	 * Reads JSON.
	 * @param <T> the target type
	 * @param json the text
	 * @param type the target type
	 * @return the value
	 * @throws JacksonException if the text is not valid JSON of that type
	 */
	public static <T> T readJson(String json, Class<T> type) {
		return JSON.readValue(json, type);
	}

	/**
	 * Reads YAML or JSON.
	 * @param <T> the target type
	 * @param yaml the text
	 * @param type the target type
	 * @return the value
	 * @throws JacksonException if the text is not valid YAML of that type
	 */
	public static <T> T readYaml(String yaml, Class<T> type) {
		return YAML.readValue(yaml, type);
	}

}
