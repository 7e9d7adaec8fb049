package dev.telephony.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sandbox's admin API: scripted callees and the journal. */
final class SandboxAdmin {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	SandboxAdmin(String base) {
		this.base = base;
	}

	/**
	 * One accepted request or webhook attempt.
	 *
	 * @param time when the sandbox journaled it
	 * @param kind request, webhook or webhook_skipped
	 * @param method HTTP method
	 * @param path request path
	 * @param messageUuid message of a Messages request or webhook
	 * @param clientRef the caller's reference
	 * @param callUuid call of a Voice request or webhook
	 * @param to recipient
	 * @param status webhook status or call action
	 * @param eventUrl event URL of a created call
	 */
	record Entry(Instant time, String kind, String method, String path, String messageUuid, String clientRef,
			String callUuid, String to, String status, String eventUrl) {

		/**
		 * The command id the dispatcher put into the request: the message's client_ref,
		 * or the {@code cid} of a call's event URL.
		 */
		String commandId() {
			if (this.clientRef != null) {
				return this.clientRef;
			}
			if (this.eventUrl != null && this.eventUrl.contains("cid=")) {
				String cid = this.eventUrl.substring(this.eventUrl.indexOf("cid=") + 4);
				return cid.contains("&") ? cid.substring(0, cid.indexOf('&')) : cid;
			}
			return null;
		}

	}

	void putScenario(String number, String scenarioJson) throws IOException, InterruptedException {
		send(HttpRequest.newBuilder(URI.create(this.base + "/_sandbox/scenarios/" + number))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(scenarioJson))
			.build());
	}

	void clearJournal() throws IOException, InterruptedException {
		send(HttpRequest.newBuilder(URI.create(this.base + "/_sandbox/journal")).DELETE().build());
	}

	/** Journal entries, oldest first; {@code query} such as {@code kind=request}. */
	List<Entry> journal(String query) throws IOException, InterruptedException {
		String body = send(HttpRequest
			.newBuilder(URI.create(this.base + "/_sandbox/journal" + (query.isEmpty() ? "" : "?" + query)))
			.timeout(Duration.ofSeconds(120))
			.build());
		List<Entry> entries = new ArrayList<>();
		for (JsonNode entry : json.readTree(body).path("entries")) {
			entries.add(new Entry(Instant.parse(entry.path("time").asString()), text(entry, "kind"),
					text(entry, "method"), text(entry, "path"), text(entry, "message_uuid"), text(entry, "client_ref"),
					text(entry, "call_uuid"), text(entry, "to"), text(entry, "status"), text(entry, "event_url")));
		}
		return entries;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private String send(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return response.body();
	}

}
