package dev.telephony.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Scrapes a service's {@code /actuator/prometheus} and reads samples from it. */
final class Prometheus {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<Sample> samples;

	private Prometheus(List<Sample> samples) {
		this.samples = samples;
	}

	/**
	 * One sample line.
	 *
	 * @param name metric name
	 * @param labels its labels
	 * @param value its value
	 */
	record Sample(String name, Map<String, String> labels, double value) {

		String label(String key) {
			return this.labels.getOrDefault(key, "");
		}

	}

	static Prometheus scrape(String baseUrl) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException(baseUrl + "/actuator/prometheus answered " + response.statusCode());
		}
		return parse(response.body());
	}

	static Prometheus parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.lines().toList()) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int brace = line.indexOf('{');
			int space = line.lastIndexOf(' ');
			String name;
			Map<String, String> labels = new LinkedHashMap<>();
			if (brace >= 0 && brace < space) {
				name = line.substring(0, brace);
				String body = line.substring(brace + 1, line.lastIndexOf('}'));
				for (String pair : body.split("\",")) {
					int equals = pair.indexOf('=');
					if (equals > 0) {
						labels.put(pair.substring(0, equals).strip(), pair.substring(equals + 2).replace("\"", ""));
					}
				}
			}
			else {
				name = line.substring(0, line.indexOf(' '));
			}
			try {
				samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
			}
			catch (NumberFormatException ex) {
				// a timestamp or an odd value: skip
			}
		}
		return new Prometheus(samples);
	}

	List<Sample> samples(String name) {
		return this.samples.stream().filter((sample) -> sample.name().equals(name)).toList();
	}

	double sum(String name, Predicate<Sample> filter) {
		return samples(name).stream().filter(filter).mapToDouble(Sample::value).sum();
	}

	double sum(String name) {
		return sum(name, (sample) -> true);
	}

}
