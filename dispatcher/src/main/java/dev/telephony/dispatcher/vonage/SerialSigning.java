package dev.telephony.dispatcher.vonage;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Lets the SDK build and sign one request at a time. Its JWTs come from one shared claims
 * builder ({@code com.vonage:jwt} 2.0.1: {@code Jwt.generate()} puts a new {@code jti}
 * and {@code iat} into a shared map, then signs it), so two requests built at once race
 * on that map; a lost {@code application_id} then fails every later request of the
 * process with 401 (a chaos run saw 156 SMS refused so). The lock is let go as soon as
 * the HTTP client has the signed request, before it connects or waits for the rate slot,
 * so only the building is serialised: about a millisecond each.
 */
@Component
class SerialSigning {

	private final ReentrantLock lock = new ReentrantLock();

	/** Makes the SDK call; the signing lock is held until {@link #signed()}. */
	<T> T call(Supplier<T> sdkCall) {
		this.lock.lock();
		try {
			return sdkCall.get();
		}
		finally {
			signed();
		}
	}

	/** Whether this thread holds the lock, for tests. */
	boolean heldHere() {
		return this.lock.isHeldByCurrentThread();
	}

	/** The request this thread was building is signed. */
	void signed() {
		if (this.lock.isHeldByCurrentThread()) {
			this.lock.unlock();
		}
	}

}
