package dev.telephony.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every wire type has a golden JSON sample, and each sample survives a round trip
 * unchanged: the samples are the contract other services and tools are written against.
 */
class WireSamplesTests {

	private final JsonMapper json = JsonMapper.builder().build();

	static Stream<Arguments> commandSamples() {
		return typeNames(Command.class).map((name) -> Arguments.of("commands/" + name + ".json"));
	}

	static Stream<Arguments> eventSamples() {
		return typeNames(Event.class).map((name) -> Arguments.of("events/" + name + ".json"));
	}

	@ParameterizedTest
	@MethodSource("commandSamples")
	void commandSampleRoundTripsUnchanged(String sample) throws IOException {
		JsonNode golden = readTree(sample);
		Command command = this.json.treeToValue(golden, Command.class);
		assertThat(command.cloudEventType()).isEqualTo("telephony.command." + golden.get("type").asString() + ".v1");
		assertThat((JsonNode) this.json.valueToTree(command)).isEqualTo(golden);
	}

	@ParameterizedTest
	@MethodSource("eventSamples")
	void eventSampleRoundTripsUnchanged(String sample) throws IOException {
		JsonNode golden = readTree(sample);
		Event event = this.json.treeToValue(golden, Event.class);
		assertThat(event.cloudEventType()).isEqualTo("telephony.event." + golden.get("type").asString() + ".v1");
		assertThat((JsonNode) this.json.valueToTree(event)).isEqualTo(golden);
	}

	@Test
	void dispatchRecordSampleRoundTripsUnchanged() throws IOException {
		JsonNode golden = readTree("dispatch-record.json");
		DispatchRecord record = this.json.treeToValue(golden, DispatchRecord.class);
		assertThat(record.outcome()).isInstanceOf(CommandAccepted.class);
		assertThat((JsonNode) this.json.valueToTree(record)).isEqualTo(golden);
	}

	@Test
	void rateSlotClaimSampleRoundTripsUnchanged() throws IOException {
		JsonNode golden = readTree("rate-slot-claim.json");
		RateSlotClaim claim = this.json.treeToValue(golden, RateSlotClaim.class);
		assertThat(claim.slots()).containsExactly(5204012370L, 5204012372L);
		// Through text: a long that fits an int reads back as an int node.
		assertThat(this.json.readTree(this.json.writeValueAsString(claim))).isEqualTo(golden);
	}

	@Test
	void auditRecordSampleRoundTripsUnchangedAndHidesTextFromToString() throws IOException {
		JsonNode golden = readTree("audit-record.json");
		AuditRecord record = this.json.treeToValue(golden, AuditRecord.class);
		assertThat(record.requestedBy()).isEqualTo("alice@example.com");
		assertThat(record.clientId()).isEqualTo("Xw4c1hD7-rBq0Tz");
		assertThat(record.text()).isNull();
		assertThat((JsonNode) this.json.valueToTree(record)).isEqualTo(golden);
		AuditRecord withText = new AuditRecord(record.auditId(), record.occurredAt(), record.requestedBy(),
				record.tool(), record.destination(), record.outcome(), null, record.commandId(), null,
				"the secret plan", 3, record.clientId());
		assertThat(withText.toString()).doesNotContain("secret plan").doesNotContain("447911123456");
	}

	private static Stream<String> typeNames(Class<?> sealedFamily) {
		return Arrays.stream(sealedFamily.getPermittedSubclasses()).map(WireSamplesTests::typeName);
	}

	private static String typeName(Class<?> type) {
		try {
			return (String) type.getField("TYPE").get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(type + " has no TYPE constant", ex);
		}
	}

	private JsonNode readTree(String sample) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/samples/" + sample)) {
			assertThat(in).as("golden sample %s", sample).isNotNull();
			return this.json.readTree(in);
		}
	}

}
