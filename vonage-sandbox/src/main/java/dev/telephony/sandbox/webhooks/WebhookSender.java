package dev.telephony.sandbox.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import dev.telephony.sandbox.faults.Faults;
import dev.telephony.sandbox.journal.Journal;
import dev.telephony.sandbox.journal.JournalEntry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;

/**
 * Delivers signed webhooks, retrying where Vonage would (429, 5xx, no answer). Vonage
 * keeps retrying for up to 24 hours; the sandbox follows the short
 * {@code sandbox.webhook-retry-schedule} so tests see the outcome fast.
 */
public class WebhookSender implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(WebhookSender.class);

	private final HttpClient httpClient;

	private final WebhookSigner signer;

	private final JsonMapper jsonMapper;

	private final Journal journal;

	private final Faults faults;

	private final Clock clock;

	private final List<Duration> retrySchedule;

	private final Duration timeout;

	WebhookSender(HttpClient httpClient, WebhookSigner signer, JsonMapper jsonMapper, Journal journal, Faults faults,
			Clock clock, WebhookProperties properties) {
		this.httpClient = httpClient;
		this.signer = signer;
		this.jsonMapper = jsonMapper;
		this.journal = journal;
		this.faults = faults;
		this.clock = clock;
		this.retrySchedule = List.copyOf(properties.webhookRetrySchedule());
		this.timeout = properties.webhookTimeout();
	}

	/**
	 * Opens an ordered stream of webhooks about one call or message, to which the webhook
	 * faults (duplicates, reordering) apply.
	 * @return a new stream; close it when the call or message is over
	 */
	public WebhookStream stream() {
		return new WebhookStream(this, this.faults);
	}

	/**
	 * Journals that a webhook could not be sent for lack of a target.
	 * @param subject what it was about
	 * @param label the status it would have reported
	 * @param reason why it was skipped
	 */
	public void skipped(JournalEntry.Subject subject, String label, String reason) {
		this.journal.record(JournalEntry.webhookSkipped(this.clock.instant(), subject, label, reason));
	}

	/**
	 * Delivers one webhook, blocking until it succeeded or the retries ran out.
	 * @param webhook the webhook
	 * @return the last answer
	 * @throws InterruptedException if the sandbox is shutting down
	 */
	public Delivery deliver(Webhook webhook) throws InterruptedException {
		Duration late = this.faults.current().webhookDelay();
		if (late.isPositive()) {
			Thread.sleep(late);
		}
		byte[] json = this.jsonMapper.writeValueAsBytes(webhook.payload());
		HttpRequest.Builder request;
		if ("GET".equals(webhook.method())) {
			// Vonage hashes the parameters as a compact JSON object in their order.
			Map<String, String> parameters = flatten(json);
			byte[] signed = this.jsonMapper.writeValueAsBytes(parameters);
			request = HttpRequest.newBuilder(withQuery(webhook.url(), parameters))
				.header("Authorization", "Bearer " + this.signer.sign(signed, webhook.applicationId()))
				.GET();
		}
		else {
			request = HttpRequest.newBuilder(webhook.url())
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + this.signer.sign(json, webhook.applicationId()))
				.POST(HttpRequest.BodyPublishers.ofByteArray(json));
		}
		request.timeout(this.timeout);
		Delivery delivery = new Delivery(null, new byte[0]);
		for (int attempt = 1; attempt <= this.retrySchedule.size() + 1; attempt++) {
			if (attempt > 1) {
				Thread.sleep(this.retrySchedule.get(attempt - 2));
			}
			Outcome outcome = send(request.build());
			this.journal.record(JournalEntry.webhook(this.clock.instant(), webhook.subject(), webhook.method(),
					webhook.url(), webhook.label(), attempt, outcome.code(), outcome.error()));
			delivery = new Delivery(outcome.code(), outcome.body());
			if (!outcome.retryable()) {
				return delivery;
			}
			logger.debug("Webhook {} of {} to {} failed on attempt {}: {}", webhook.label(), webhook.subject(),
					webhook.url(), attempt, outcome);
		}
		logger.warn("Gave up delivering webhook {} of {} to {} after {} attempts", webhook.label(), webhook.subject(),
				webhook.url(), this.retrySchedule.size() + 1);
		return delivery;
	}

	private Map<String, String> flatten(byte[] json) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : this.jsonMapper.readTree(json).properties()) {
			JsonNode value = field.getValue();
			if (!value.isNull()) {
				parameters.put(field.getKey(), value.isValueNode() ? value.asString() : value.toString());
			}
		}
		return parameters;
	}

	private static URI withQuery(URI url, Map<String, String> parameters) {
		StringJoiner query = new StringJoiner("&");
		parameters.forEach((name, value) -> query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8)));
		String text = url.toString();
		int fragment = text.indexOf('#');
		String base = (fragment >= 0) ? text.substring(0, fragment) : text;
		return URI.create(base + ((url.getRawQuery() != null) ? "&" : "?") + query);
	}

	private Outcome send(HttpRequest request) throws InterruptedException {
		try {
			HttpResponse<byte[]> response = this.httpClient.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return new Outcome(response.statusCode(), response.body(), null);
		}
		catch (IOException ex) {
			return new Outcome(null, new byte[0],
					ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""));
		}
	}

	@Override
	public void destroy() {
		this.httpClient.shutdownNow();
	}

	private record Outcome(@Nullable Integer code, byte[] body, @Nullable String error) {

		boolean retryable() {
			return this.code == null || this.code == 429 || this.code >= 500;
		}

		@Override
		public String toString() {
			return (this.code != null) ? "HTTP " + this.code : String.valueOf(this.error);
		}

	}

}
