package dev.telephony.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ServiceArchitectureTests {

	@Test
	void aMisspeltServiceRootIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceArchitecture.noOtherServiceIsUsed("dev.telephony.gatway"));
	}

}
