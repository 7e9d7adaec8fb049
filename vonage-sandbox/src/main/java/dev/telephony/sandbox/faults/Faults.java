package dev.telephony.sandbox.faults;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import dev.telephony.sandbox.system.SandboxProperties;

import org.springframework.stereotype.Component;

/**
 * The faults in force: those configured under {@code sandbox.faults} until the admin API
 * replaces them.
 */
@Component
public class Faults {

	private final SandboxProperties.Faults configured;

	private final AtomicReference<SandboxProperties.Faults> current;

	Faults(SandboxProperties properties) {
		this.configured = properties.faults();
		this.current = new AtomicReference<>(this.configured);
	}

	public SandboxProperties.Faults current() {
		return this.current.get();
	}

	void set(SandboxProperties.Faults faults) {
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
