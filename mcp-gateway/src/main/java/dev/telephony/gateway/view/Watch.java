package dev.telephony.gateway.view;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A tool call's subscription to changes of one command; close it when the tool returns.
 */
public final class Watch implements AutoCloseable {

	private final Semaphore changes = new Semaphore(0);

	private final Consumer<Watch> onClose;

	Watch(Consumer<Watch> onClose) {
		this.onClose = onClose;
	}

	/** Waits for the next change; false when {@code timeout} passed without one. */
	public boolean awaitChange(Duration timeout) throws InterruptedException {
		boolean changed = this.changes.tryAcquire(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
		// Several changes while the tool was busy are one reason to look again.
		this.changes.drainPermits();
		return changed;
	}

	void signal() {
		this.changes.release();
	}

	@Override
	public void close() {
		this.onClose.accept(this);
	}

}
