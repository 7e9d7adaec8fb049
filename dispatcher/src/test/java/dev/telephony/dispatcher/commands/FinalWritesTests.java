package dev.telephony.dispatcher.commands;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DONE record and the outcome, written at once. The latches only order the two
 * writes; their timeouts are a guard against a hang, not a measure.
 */
class FinalWritesTests {

	private final FinalWrites writes = new FinalWrites();

	private final CountDownLatch recordStarted = new CountDownLatch(1);

	private final CountDownLatch publishStarted = new CountDownLatch(1);

	private final AtomicBoolean recorded = new AtomicBoolean();

	private final AtomicBoolean published = new AtomicBoolean();

	@Test
	void bothWritesAreUnderWayAtOnceAndBothAreAcknowledgedWhenItReturns() {
		AtomicBoolean recordSawPublish = new AtomicBoolean();
		AtomicBoolean publishSawRecord = new AtomicBoolean();

		this.writes.write(() -> {
			this.recordStarted.countDown();
			recordSawPublish.set(await(this.publishStarted));
			this.recorded.set(true);
		}, () -> {
			this.publishStarted.countDown();
			publishSawRecord.set(await(this.recordStarted));
			this.published.set(true);
		});

		assertThat(recordSawPublish).as("the outcome was under way while DONE was written").isTrue();
		assertThat(publishSawRecord).as("DONE was under way while the outcome was published").isTrue();
		assertThat(this.recorded).as("DONE acknowledged on return").isTrue();
		assertThat(this.published).as("outcome acknowledged on return").isTrue();
	}

	@Test
	void itDoesNotReturnBeforeTheSlowerWriteIsAcknowledged() {
		CountDownLatch publishDone = new CountDownLatch(1);

		this.writes.write(() -> {
			// Finishes only after the caller's write did.
			await(publishDone);
			this.recorded.set(true);
		}, () -> {
			this.published.set(true);
			publishDone.countDown();
		});

		assertThat(this.recorded).isTrue();
		assertThat(this.published).isTrue();
	}

	@Test
	void anOutcomeKafkaDidNotTakeFailsTheCommandOnceDoneIsRecorded() {
		assertThatThrownBy(() -> this.writes.write(() -> this.recorded.set(true), () -> {
			throw new IllegalStateException("outcome not published");
		})).hasMessage("outcome not published");

		assertThat(this.recorded).isTrue();
	}

	@Test
	void aDoneRecordKafkaDidNotTakeFailsTheCommandAsBeforeAfterThePublishEnded() {
		assertThatThrownBy(() -> this.writes.write(() -> {
			await(this.publishStarted);
			throw new IllegalStateException("dispatch log unavailable");
		}, () -> {
			this.publishStarted.countDown();
			this.published.set(true);
		})).hasMessage("dispatch log unavailable").hasNoSuppressedExceptions();

		assertThat(this.published).isTrue();
	}

	@Test
	void whenBothFailTheDispatchLogsFailureIsThrownWithTheOutcomesAttached() {
		assertThatThrownBy(() -> this.writes.write(() -> {
			throw new IllegalStateException("dispatch log unavailable");
		}, () -> {
			throw new IllegalStateException("outcome not published");
		})).hasMessage("dispatch log unavailable")
			.satisfies((ex) -> assertThat(ex.getSuppressed()).singleElement()
				.extracting(Throwable::getMessage)
				.isEqualTo("outcome not published"));
	}

	private static boolean await(CountDownLatch latch) {
		try {
			return latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
