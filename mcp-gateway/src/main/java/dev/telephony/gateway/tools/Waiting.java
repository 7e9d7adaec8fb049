package dev.telephony.gateway.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.telephony.gateway.view.Watch;

/**
 * A bounded wait on the view: returns as soon as the state is done, or when time is up,
 * telling the client what happens on every change and at least every few seconds
 * meanwhile.
 */
final class Waiting {

	static final Duration HEARTBEAT = Duration.ofSeconds(5);

	private Waiting() {
	}

	/** The last state read: done, or whatever it was when {@code max} ran out. */
	static <S> S until(Watch watch, Duration max, Supplier<S> read, Predicate<S> done, Function<S, String> describe,
			Progress progress) throws InterruptedException {
		Instant deadline = Instant.now().plus(max);
		String reported = null;
		while (true) {
			if (watch.isCancelled()) {
				throw new ToolCancelledException();
			}
			S state = read.get();
			if (done.test(state)) {
				return state;
			}
			Duration remaining = Duration.between(Instant.now(), deadline);
			if (remaining.isNegative() || remaining.isZero()) {
				return state;
			}
			String description = describe.apply(state);
			if (!Objects.equals(description, reported)) {
				progress.report(description);
				reported = description;
			}
			boolean changed = watch.awaitChange((remaining.compareTo(HEARTBEAT) < 0) ? remaining : HEARTBEAT);
			if (!changed) {
				progress.report(description);
			}
		}
	}

}
