package dev.telephony.sandbox.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import dev.telephony.sandbox.journal.Journal;
import dev.telephony.sandbox.journal.JournalEntry;
import dev.telephony.sandbox.system.SandboxProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one signed webhook, retrying where Vonage would (429, 5xx, no answer). Vonage
 * keeps retrying for 24 hours; the sandbox gives up after a few quick attempts so tests
 * see the outcome fast.
 */
class WebhookSender {

	private static final Logger logger = LoggerFactory.getLogger(WebhookSender.class);

	private final HttpClient httpClient;

	private final WebhookSigner signer;

	private final Journal journal;

	private final Clock clock;

	private final int attempts;

	private final Duration backoff;

	private final Duration timeout;

	WebhookSender(HttpClient httpClient, WebhookSigner signer, Journal journal, Clock clock,
			SandboxProperties properties) {
		this.httpClient = httpClient;
		this.signer = signer;
		this.journal = journal;
		this.clock = clock;
		this.attempts = properties.webhookAttempts();
		this.backoff = properties.webhookRetryBackoff();
		this.timeout = properties.webhookTimeout();
	}

	/**
	 * Delivers one webhook, blocking until it succeeded or the attempts ran out.
	 * @param url the target
	 * @param body the exact bytes to send (and hash)
	 * @param message the message the webhook is about
	 * @param status the status it reports, for the journal
	 * @throws InterruptedException if the sandbox is shutting down
	 */
	void send(URI url, byte[] body, AcceptedMessage message, String status) throws InterruptedException {
		for (int attempt = 1; attempt <= this.attempts; attempt++) {
			if (attempt > 1) {
				Thread.sleep(this.backoff);
			}
			Outcome outcome = post(url, body, message.applicationId());
			this.journal.record(JournalEntry.webhook(this.clock.instant(), message.messageUuid(), message.clientRef(),
					url, status, attempt, outcome.code(), outcome.error()));
			if (!outcome.retryable()) {
				return;
			}
			logger.debug("Webhook {} of {} to {} failed on attempt {}: {}", status, message.messageUuid(), url, attempt,
					outcome);
		}
		logger.warn("Gave up delivering webhook {} of {} to {} after {} attempts", status, message.messageUuid(), url,
				this.attempts);
	}

	private Outcome post(URI url, byte[] body, @Nullable UUID applicationId) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + this.signer.sign(body, applicationId))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		try {
			int code = this.httpClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			return new Outcome(code, null);
		}
		catch (IOException ex) {
			return new Outcome(null,
					ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""));
		}
	}

	void close() {
		this.httpClient.shutdownNow();
	}

	private record Outcome(@Nullable Integer code, @Nullable String error) {

		boolean retryable() {
			return this.code == null || this.code == 429 || this.code >= 500;
		}

	}

}
