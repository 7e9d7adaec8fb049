package dev.telephony.sandbox.voice;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

/**
 * One simulated outbound call: what was asked for and where it stands. Written by its
 * player thread and by API requests (hangup, transfer), hence the lock.
 */
final class Call {

	private final String uuid = UUID.randomUUID().toString();

	private final String conversationUuid = "CON-" + UUID.randomUUID();

	private final CallSpec spec;

	private final @Nullable UUID applicationId;

	private final Instant created;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition interrupted = this.lock.newCondition();

	private String status = "started";

	private @Nullable Instant startTime;

	private @Nullable Instant endTime;

	private @Nullable Integer duration;

	private @Nullable String price;

	private boolean hangupRequested;

	private @Nullable Transfer transfer;

	private boolean muted;

	private boolean earmuffed;

	Call(CallSpec spec, @Nullable UUID applicationId, Instant created) {
		this.spec = spec;
		this.applicationId = applicationId;
		this.created = created;
	}

	String uuid() {
		return this.uuid;
	}

	String conversationUuid() {
		return this.conversationUuid;
	}

	CallSpec spec() {
		return this.spec;
	}

	@Nullable UUID applicationId() {
		return this.applicationId;
	}

	Instant created() {
		return this.created;
	}

	Snapshot snapshot() {
		this.lock.lock();
		try {
			return new Snapshot(this.status, this.startTime, this.endTime, this.duration, this.price, this.muted,
					this.earmuffed);
		}
		finally {
			this.lock.unlock();
		}
	}

	void status(String status) {
		this.lock.lock();
		try {
			this.status = status;
		}
		finally {
			this.lock.unlock();
		}
	}

	void answered(Instant startTime) {
		this.lock.lock();
		try {
			this.status = "answered";
			this.startTime = startTime;
		}
		finally {
			this.lock.unlock();
		}
	}

	void completed(Instant endTime, int duration, String price) {
		this.lock.lock();
		try {
			this.status = "completed";
			this.endTime = endTime;
			this.duration = duration;
			this.price = price;
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean isOver() {
		return Snapshot.TERMINAL.contains(snapshot().status());
	}

	/** Asks the player to hang up; it reacts at its next pause. */
	void requestHangup() {
		signal(() -> this.hangupRequested = true);
	}

	/** Asks the player to continue with another NCCO. */
	void requestTransfer(Transfer transfer) {
		signal(() -> this.transfer = transfer);
	}

	void mute(boolean muted) {
		signal(() -> this.muted = muted);
	}

	void earmuff(boolean earmuffed) {
		signal(() -> this.earmuffed = earmuffed);
	}

	@Nullable Transfer takeTransfer() {
		this.lock.lock();
		try {
			Transfer taken = this.transfer;
			this.transfer = null;
			return taken;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Lets scripted time pass, ending early when the call is hung up or transferred.
	 * @param pause how long to wait
	 * @param deadline when the call must end anyway (its length timer), if known
	 * @return why the wait ended
	 * @throws InterruptedException if the sandbox is shutting down
	 */
	Wake pause(Duration pause, @Nullable Instant deadline) throws InterruptedException {
		long end = System.nanoTime() + pause.toNanos();
		long limit = (deadline != null) ? System.nanoTime() + Duration.between(Instant.now(), deadline).toNanos()
				: Long.MAX_VALUE;
		this.lock.lock();
		try {
			while (true) {
				if (this.hangupRequested) {
					return Wake.HANGUP;
				}
				if (this.transfer != null) {
					return Wake.TRANSFER;
				}
				long now = System.nanoTime();
				if (now - limit >= 0) {
					return Wake.LENGTH_TIMER;
				}
				if (now - end >= 0) {
					return Wake.ELAPSED;
				}
				this.interrupted.awaitNanos(Math.min(end, limit) - now);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void signal(Runnable change) {
		this.lock.lock();
		try {
			change.run();
			this.interrupted.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	enum Wake {

		/** The time passed. */
		ELAPSED,

		/** The API hung up. */
		HANGUP,

		/** The API transferred the call. */
		TRANSFER,

		/** The call reached its {@code length_timer}. */
		LENGTH_TIMER

	}

	/**
	 * Where a transferred call continues: an NCCO, or a URL to fetch one from.
	 *
	 * @param ncco the NCCO
	 * @param url the NCCO's URL
	 */
	record Transfer(@Nullable ArrayNode ncco, @Nullable URI url) {
	}

	/**
	 * The call's state at one moment.
	 *
	 * @param status Vonage status
	 * @param startTime when it was answered
	 * @param endTime when it ended
	 * @param duration answered seconds
	 * @param price total price
	 * @param muted whether the API muted it
	 * @param earmuffed whether the API earmuffed it
	 */
	record Snapshot(String status, @Nullable Instant startTime, @Nullable Instant endTime, @Nullable Integer duration,
			@Nullable String price, boolean muted, boolean earmuffed) {

		static final Set<String> TERMINAL = Set.of("completed", "busy", "cancelled", "unanswered", "timeout",
				"rejected", "failed");

	}

}
