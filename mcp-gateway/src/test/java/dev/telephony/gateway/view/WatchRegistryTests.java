package dev.telephony.gateway.view;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WatchRegistryTests {

	private final WatchRegistry watches = new WatchRegistry();

	@Test
	void onlyTheWatchersOfAChangedCommandAreWokenAndCounted() throws InterruptedException {
		UUID changed = UUID.randomUUID();
		UUID untouched = UUID.randomUUID();
		try (Watch first = this.watches.watch(changed);
				Watch second = this.watches.watch(changed);
				Watch bystander = this.watches.watch(untouched)) {
			assertThat(this.watches.wake(List.of(changed, UUID.randomUUID()))).isEqualTo(2);

			assertThat(first.awaitChange(Duration.ZERO)).isTrue();
			assertThat(second.awaitChange(Duration.ZERO)).isTrue();
			assertThat(bystander.awaitChange(Duration.ZERO)).isFalse();
		}
	}

	@Test
	void severalChangesWhileBusyAreOneReasonToLookAgain() throws InterruptedException {
		UUID id = UUID.randomUUID();
		try (Watch watch = this.watches.watch(id)) {
			this.watches.wake(List.of(id));
			this.watches.wake(List.of(id));

			assertThat(watch.awaitChange(Duration.ZERO)).isTrue();
			assertThat(watch.awaitChange(Duration.ZERO)).isFalse();
		}
	}

	@Test
	void aClosedWatchIsForgottenAndItsCloseHooksRun() {
		UUID id = UUID.randomUUID();
		Watch kept = this.watches.watch(id);
		Watch closed = this.watches.watch(id);
		boolean[] hookRan = { false };
		closed.onClose(() -> hookRan[0] = true);
		assertThat(this.watches.waiting()).isEqualTo(2);

		closed.close();

		assertThat(hookRan[0]).isTrue();
		assertThat(this.watches.waiting()).isEqualTo(1);
		assertThat(this.watches.wake(List.of(id))).isEqualTo(1);
		kept.close();
		assertThat(this.watches.waiting()).isZero();
		assertThat(this.watches.wake(List.of(id))).isZero();
	}

	@Test
	void aCancelledWatchEndsItsWaitAtOnce() throws InterruptedException {
		try (Watch watch = this.watches.watch(UUID.randomUUID())) {
			watch.cancel();

			assertThat(watch.awaitChange(Duration.ofMinutes(1))).isTrue();
			assertThat(watch.isCancelled()).isTrue();
		}
	}

}
