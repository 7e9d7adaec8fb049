package dev.telephony.localstack;

import java.util.Optional;

/**
 * Tells a waiting caller that the thing it waits for is gone, so it stops waiting early.
 */
@FunctionalInterface
interface Liveness {

	Liveness ALWAYS = Optional::empty;

	/**
	 * Returns why the process is gone, or empty while it runs.
	 * @return the reason, if the process has exited
	 */
	Optional<String> deathReason();

}
