package dev.telephony.gateway.view;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A tool call's subscription to changes of one command; close it when the tool returns.
 */
public final class Watch implements AutoCloseable {

	private final Semaphore changes = new Semaphore(0);

	private final Consumer<Watch> onClose;

	private volatile boolean cancelled;

	private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();

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

	/** The client gave up: whoever waits on this watch stops. */
	public void cancel() {
		this.cancelled = true;
		this.changes.release();
	}

	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * Runs {@code hook} when the watch is closed, to forget registrations made for it.
	 */
	public void onClose(Runnable hook) {
		this.closeHooks.add(hook);
	}

	@Override
	public void close() {
		this.onClose.accept(this);
		this.closeHooks.forEach(Runnable::run);
	}

}
