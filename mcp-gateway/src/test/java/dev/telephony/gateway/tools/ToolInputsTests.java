package dev.telephony.gateway.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ToolInputsTests {

	private final ToolInputs inputs = new ToolInputs(properties("447700900000", ""));

	@ParameterizedTest
	@CsvSource({ "+14155550123, 14155550123", "14155550123, 14155550123", "+44 7911 123456, 447911123456",
			"0044 7911-123-456, 447911123456", "'+1 (415) 555-0123', 14155550123" })
	void destinationsAreNormalisedToE164Digits(String input, String expected) {
		assertThat(this.inputs.destination("to", input)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "+44 12", "+999 1234567", "hello", "+1415555012345678" })
	void invalidDestinationsAreRefusedNamingTheField(String input) {
		assertThatExceptionOfType(InvalidToolInputException.class)
			.isThrownBy(() -> this.inputs.destination("to", input))
			.withMessageStartingWith("'to' is not");
	}

	@Test
	void missingDestinationAsksForOne() {
		assertThatExceptionOfType(InvalidToolInputException.class).isThrownBy(() -> this.inputs.destination("to", " "))
			.withMessageContaining("'to' is required");
	}

	@Test
	void nationalNumbersNeedADefaultRegion() {
		ToolInputs british = new ToolInputs(properties("447700900000", "GB"));
		assertThat(british.destination("to", "07911 123456")).isEqualTo("447911123456");
		assertThatExceptionOfType(InvalidToolInputException.class)
			.isThrownBy(() -> this.inputs.destination("to", "07911 123456"));
	}

	@Test
	void senderDefaultsToTheConfiguredNumber() {
		assertThat(this.inputs.sender("from_", null)).isEqualTo("447700900000");
		assertThat(this.inputs.sender("from_", "+1 415 555 0123")).isEqualTo("14155550123");
	}

	@Test
	void destinationsInRangesNoOperatorUsesAreRefused() {
		// Ofcom keeps 07700 900xxx for drama; no handset answers there.
		assertThatExceptionOfType(InvalidToolInputException.class)
			.isThrownBy(() -> this.inputs.destination("to", "+447700900123"))
			.withMessageContaining("no such number range for country code +44");
	}

	@Test
	void alphanumericSendersAreKeptOrRefusedWhenTooLong() {
		assertThat(this.inputs.sender("from_", "Clinic")).isEqualTo("Clinic");
		assertThatExceptionOfType(InvalidToolInputException.class)
			.isThrownBy(() -> this.inputs.sender("from_", "The Dental Clinic"))
			.withMessageContaining("at most 11");
	}

	@Test
	void senderIsRequiredWhenNoDefaultIsConfigured() {
		ToolInputs unconfigured = new ToolInputs(properties("", ""));
		assertThatExceptionOfType(InvalidToolInputException.class).isThrownBy(() -> unconfigured.sender("from_", ""))
			.withMessageContaining("VONAGE_LVN");
	}

	@Test
	void smsTextMustBePresentAndWithinTheLimit() {
		assertThat(this.inputs.smsText("text", "hi")).isEqualTo("hi");
		assertThatExceptionOfType(InvalidToolInputException.class).isThrownBy(() -> this.inputs.smsText("text", ""))
			.withMessage("'text' must not be empty.");
		assertThatExceptionOfType(InvalidToolInputException.class)
			.isThrownBy(() -> this.inputs.smsText("text", "x".repeat(1601)))
			.withMessageContaining("1601 characters")
			.withMessageContaining("limit is 1600");
	}

	private static InputProperties properties(String defaultFrom, String region) {
		return new InputProperties(defaultFrom, region, 1600);
	}

}
