package dev.telephony.sandbox.faults;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * The faults in force: those configured under {@code sandbox.faults} until the admin API
 * replaces them.
 */
@Component
public class Faults {

	private final InjectedFaults configured;

	private final AtomicReference<InjectedFaults> current;

	Faults(InjectedFaults configured) {
		this.configured = configured;
		this.current = new AtomicReference<>(this.configured);
	}

	public InjectedFaults current() {
		return this.current.get();
	}

	void set(InjectedFaults faults) {
		this.current.set(faults);
	}

	void reset() {
		this.current.set(this.configured);
	}

	/**
	 * Draws whether a fault with the given probability happens this time.
	 * @param ratio probability between 0 and 1
	 * @return true if the fault should be injected
	 */
	public static boolean happens(double ratio) {
		return ratio > 0 && ThreadLocalRandom.current().nextDouble() < ratio;
	}

}
