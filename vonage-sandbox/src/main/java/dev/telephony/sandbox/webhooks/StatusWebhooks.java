package dev.telephony.sandbox.webhooks;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.telephony.sandbox.journal.Journal;
import dev.telephony.sandbox.journal.JournalEntry;
import dev.telephony.sandbox.system.SandboxProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;

/**
 * Plays out the life of an accepted SMS as status webhooks: {@code submitted}, then
 * {@code delivered}. One virtual thread per message keeps its webhooks in order even when
 * one of them is retried.
 */
public class StatusWebhooks implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(StatusWebhooks.class);

	// Always with milliseconds, like Vonage; Instant.toString() drops them when zero.
	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final BigDecimal PRICE_PER_SEGMENT = new BigDecimal("0.0333");

	private final WebhookSender sender;

	private final JsonMapper jsonMapper;

	private final Journal journal;

	private final Clock clock;

	private final Duration delay;

	private final @Nullable URI defaultStatusUrl;

	private final ExecutorService executor = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("status-webhooks-", 0).factory());

	StatusWebhooks(WebhookSender sender, JsonMapper jsonMapper, Journal journal, Clock clock,
			SandboxProperties properties) {
		this.sender = sender;
		this.jsonMapper = jsonMapper;
		this.journal = journal;
		this.clock = clock;
		this.delay = properties.deliveryDelay();
		this.defaultStatusUrl = properties.defaultStatusUrl();
	}

	/**
	 * Schedules the status webhooks of a message and returns at once.
	 * @param message the accepted message
	 */
	public void accepted(AcceptedMessage message) {
		this.executor.execute(() -> {
			try {
				report(message, "submitted");
				report(message, "delivered");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				logger.error("Status webhooks of {} failed", message.messageUuid(), ex);
			}
		});
	}

	private void report(AcceptedMessage message, String status) throws InterruptedException {
		Thread.sleep(this.delay);
		URI url = (message.webhookUrl() != null) ? message.webhookUrl() : this.defaultStatusUrl;
		if (url == null) {
			this.journal.record(JournalEntry.webhookSkipped(this.clock.instant(), message.messageUuid(),
					message.clientRef(), status, "no webhook_url on the message and no sandbox.default-status-url"));
			return;
		}
		this.sender.send(url, this.jsonMapper.writeValueAsBytes(body(message, status)), message, status);
	}

	private StatusWebhookBody body(AcceptedMessage message, String status) {
		int segments = SmsSegments.count(message.text());
		// Vonage reports the price only once it is final, i.e. on delivery.
		StatusWebhookBody.Usage usage = "delivered".equals(status) ? new StatusWebhookBody.Usage("EUR",
				PRICE_PER_SEGMENT.multiply(BigDecimal.valueOf(segments)).toPlainString()) : null;
		return new StatusWebhookBody(message.messageUuid(), message.to(), message.from(),
				TIMESTAMP.format(this.clock.instant()), status, "sms", message.clientRef(), usage,
				new StatusWebhookBody.Sms(Integer.toString(segments)));
	}

	@Override
	public void destroy() {
		// Pending webhooks are best-effort; do not hold up shutdown for them.
		this.executor.shutdownNow();
		this.sender.close();
	}

}
