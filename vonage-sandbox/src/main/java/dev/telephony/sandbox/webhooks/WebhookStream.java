package dev.telephony.sandbox.webhooks;

import dev.telephony.sandbox.faults.Faults;
import dev.telephony.sandbox.faults.InjectedFaults;
import org.jspecify.annotations.Nullable;

/**
 * The webhooks of one call or message, in order, with the injected webhook faults applied
 * to the pure notifications: a duplicate, or one held back until after the next. Not
 * thread-safe: one call or message is played by one thread.
 */
public class WebhookStream implements AutoCloseable {

	private final WebhookSender sender;

	private final Faults faults;

	private @Nullable Webhook heldBack;

	WebhookStream(WebhookSender sender, Faults faults) {
		this.sender = sender;
		this.faults = faults;
	}

	/**
	 * Sends a notification whose answer does not matter (status events).
	 * @param webhook the webhook
	 * @throws InterruptedException if the sandbox is shutting down
	 */
	public void notify(Webhook webhook) throws InterruptedException {
		InjectedFaults current = this.faults.current();
		if (this.heldBack == null && Faults.happens(current.webhookReorderRatio())) {
			this.heldBack = webhook;
			return;
		}
		send(webhook, current);
		flush();
	}

	/**
	 * Sends a webhook whose answer matters (answer URL, input results), after any held
	 * back notification.
	 * @param webhook the webhook
	 * @return its answer
	 * @throws InterruptedException if the sandbox is shutting down
	 */
	public Delivery exchange(Webhook webhook) throws InterruptedException {
		flush();
		return this.sender.deliver(webhook);
	}

	private void send(Webhook webhook, InjectedFaults current) throws InterruptedException {
		this.sender.deliver(webhook);
		if (Faults.happens(current.webhookDuplicateRatio())) {
			this.sender.deliver(webhook);
		}
	}

	private void flush() throws InterruptedException {
		Webhook held = this.heldBack;
		if (held != null) {
			this.heldBack = null;
			send(held, this.faults.current());
		}
	}

	/**
	 * Sends what is still held back.
	 */
	@Override
	public void close() {
		try {
			flush();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
