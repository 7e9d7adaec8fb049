package dev.telephony.sandbox.messages;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.telephony.sandbox.journal.JournalEntry;
import dev.telephony.sandbox.scenarios.Scenario;
import dev.telephony.sandbox.scenarios.ScenarioBook;
import dev.telephony.sandbox.scenarios.ScenarioProperties;
import dev.telephony.sandbox.webhooks.Webhook;
import dev.telephony.sandbox.webhooks.WebhookSender;
import dev.telephony.sandbox.webhooks.WebhookStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Plays out the life of an accepted SMS as its recipient's scenario says: status webhooks
 * ({@code submitted} then {@code delivered}, or a failure with its error), then perhaps a
 * reply. One virtual thread per message keeps its webhooks in order even when one of them
 * is retried.
 */
@Component
class SmsPlayback implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SmsPlayback.class);

	// Always with milliseconds, like Vonage; Instant.toString() drops them when zero.
	static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final BigDecimal PRICE_PER_SEGMENT = new BigDecimal("0.0333");

	// Unconfirmed: the anchors Vonage uses for status webhook errors.
	private static final String ERROR_TYPE = "https://developer.vonage.com/api-errors/messages-olympus#";

	private final WebhookSender sender;

	private final ScenarioBook scenarios;

	private final Clock clock;

	private final MessageProperties properties;

	private final ScenarioProperties timing;

	private final ExecutorService executor = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("sms-playback-", 0).factory());

	SmsPlayback(WebhookSender sender, ScenarioBook scenarios, Clock clock, MessageProperties properties,
			ScenarioProperties timing) {
		this.sender = sender;
		this.scenarios = scenarios;
		this.clock = clock;
		this.properties = properties;
		this.timing = timing;
	}

	/**
	 * Schedules the webhooks of a message and returns at once.
	 * @param message the accepted message
	 */
	void accepted(AcceptedMessage message) {
		Scenario.Sms scenario = this.scenarios.sms(message.to());
		this.executor.execute(() -> {
			try (WebhookStream stream = this.sender.stream()) {
				play(message, scenario, stream);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				logger.error("Webhooks of message {} failed", message.messageUuid(), ex);
			}
		});
	}

	private void play(AcceptedMessage message, Scenario.Sms scenario, WebhookStream stream)
			throws InterruptedException {
		switch (scenario.outcome()) {
			case DELIVERED -> {
				report(message, "submitted", null, stream);
				report(message, "delivered", null, stream);
				if (scenario.reply() != null) {
					stream.close();
					Thread.sleep(this.timing.scaled(Duration.ofMillis(scenario.replyAfterMs())));
					reply(message, scenario.reply());
				}
			}
			case UNDELIVERABLE -> {
				report(message, "submitted", null, stream);
				report(message, "undeliverable", scenario, stream);
			}
			case REJECTED -> report(message, "rejected", scenario, stream);
		}
	}

	private void report(AcceptedMessage message, String status, Scenario.@Nullable Sms failure, WebhookStream stream)
			throws InterruptedException {
		Thread.sleep(this.properties.deliveryDelay());
		JournalEntry.Subject subject = JournalEntry.Subject.message("sms", message.messageUuid(), message.clientRef());
		URI url = (message.webhookUrl() != null) ? message.webhookUrl() : this.properties.defaultStatusUrl();
		if (url == null) {
			this.sender.skipped(subject, status, "no webhook_url on the message and no sandbox.default-status-url");
			return;
		}
		stream.notify(Webhook.post(url, body(message, status, failure), message.applicationId(), subject, status));
	}

	private StatusWebhookBody body(AcceptedMessage message, String status, Scenario.@Nullable Sms failure) {
		int segments = SmsSegments.count(message.text());
		// Vonage reports the price only once it is final, i.e. on delivery.
		StatusWebhookBody.Usage usage = "delivered".equals(status) ? new StatusWebhookBody.Usage("EUR",
				PRICE_PER_SEGMENT.multiply(BigDecimal.valueOf(segments)).toPlainString()) : null;
		StatusWebhookBody.Error error = (failure != null)
				? new StatusWebhookBody.Error(
						ERROR_TYPE + failure.errorCode(), failure.errorCode(), (failure.errorDetail() != null)
								? failure.errorDetail() : "Message " + status.toLowerCase(Locale.ROOT),
						UUID.randomUUID().toString())
				: null;
		return new StatusWebhookBody(message.messageUuid(), message.to(), message.from(),
				TIMESTAMP.format(this.clock.instant()), status, "sms", message.clientRef(), error, usage,
				new StatusWebhookBody.Sms(Integer.toString(segments)));
	}

	private void reply(AcceptedMessage message, String text) throws InterruptedException {
		UUID replyUuid = UUID.randomUUID();
		// Journaled under the original client_ref so a test can find the reply with it.
		JournalEntry.Subject subject = JournalEntry.Subject.message("sms", replyUuid, message.clientRef());
		URI url = this.properties.inboundUrl();
		if (url == null) {
			this.sender.skipped(subject, "inbound", "no sandbox.inbound-url");
			return;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("channel", "sms");
		body.put("message_uuid", replyUuid);
		body.put("to", message.from());
		body.put("from", message.to());
		body.put("timestamp", TIMESTAMP.format(this.clock.instant()));
		body.put("message_type", "text");
		body.put("text", text);
		String keyword = text.strip().split("\\W+", 2)[0].toUpperCase(Locale.ROOT);
		body.put("sms", Map.of("num_messages", Integer.toString(SmsSegments.count(text)), "keyword", keyword));
		body.put("usage", Map.of("currency", "EUR", "price", "0.0057"));
		body.put("origin", Map.of("network_code", "310260"));
		this.sender.deliver(Webhook.post(url, body, message.applicationId(), subject, "inbound"));
	}

	@Override
	public void destroy() {
		// Pending webhooks are best-effort; do not hold up shutdown for them.
		this.executor.shutdownNow();
	}

}
