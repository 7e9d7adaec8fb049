package dev.telephony.dispatcher.vonage;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SerialSigningTests {

	private final SerialSigning signing = new SerialSigning();

	private final CountDownLatch release = new CountDownLatch(1);

	@Test
	void aRequestIsNotBuiltWhileAnotherIsBeingSigned() throws Exception {
		CountDownLatch firstInside = new CountDownLatch(1);
		Thread first = Thread.ofVirtual().start(() -> this.signing.call(() -> {
			firstInside.countDown();
			return awaitRelease();
		}));
		assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();

		CountDownLatch secondInside = new CountDownLatch(1);
		Thread second = Thread.ofVirtual().start(() -> this.signing.call(() -> {
			secondInside.countDown();
			return true;
		}));

		assertThat(secondInside.await(300, TimeUnit.MILLISECONDS)).as("built while the first was signed").isFalse();
		this.release.countDown();
		assertThat(secondInside.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(first.join(Duration.ofSeconds(10))).isTrue();
		assertThat(second.join(Duration.ofSeconds(10))).isTrue();
	}

	@Test
	void theNextRequestIsBuiltAsSoonAsOneIsSignedThoughItIsNotSentYet() throws Exception {
		CountDownLatch firstSigned = new CountDownLatch(1);
		Thread first = Thread.ofVirtual().start(() -> this.signing.call(() -> {
			// What the HTTP client's first interceptor does.
			this.signing.signed();
			firstSigned.countDown();
			return awaitRelease();
		}));
		assertThat(firstSigned.await(10, TimeUnit.SECONDS)).isTrue();

		boolean built = this.signing.call(() -> true);

		assertThat(built).isTrue();
		this.release.countDown();
		assertThat(first.join(Duration.ofSeconds(10))).isTrue();
	}

	@Test
	void aCallThatFailsLetsTheNextOneIn() {
		assertThatIllegalStateException().isThrownBy(() -> this.signing.call(() -> {
			throw new IllegalStateException("the SDK refused the request");
		}));

		Thread other = Thread.ofVirtual().start(() -> this.signing.call(() -> true));

		assertThat(joined(other)).isTrue();
	}

	private boolean awaitRelease() {
		try {
			return this.release.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static boolean joined(Thread thread) {
		try {
			return thread.join(Duration.ofSeconds(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
