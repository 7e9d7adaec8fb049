package dev.telephony.localstack;

import java.nio.file.Path;
import java.time.Duration;

import dev.telephony.localstack.Options.OptionsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OptionsTests {

	private static final Path CWD = Path.of("/work/repo");

	@Test
	void defaults() {
		Options options = Options.parse(new String[0], CWD);
		assertThat(options.root()).isEqualTo(CWD);
		assertThat(options.dataDir()).isEqualTo(CWD.resolve(".local"));
		assertThat(options.kafkaPort()).isEqualTo(9092);
		assertThat(options.controllerPort()).isEqualTo(9093);
		assertThat(options.healthTimeout()).isEqualTo(Duration.ofSeconds(120));
		assertThat(options.fresh()).isFalse();
		assertThat(options.sandbox()).isFalse();
		assertThat(options.onlyKafka()).isFalse();
		assertThat(options.help()).isFalse();
		assertThat(options.scale().scaled()).isFalse();
		assertThat(options.portOffset()).isZero();
		assertThat(options.kafkaBootstrap()).isNull();
	}

	@Test
	void scaleOffsetAndAnExternalBroker() {
		Options options = Options.parse(new String[] { "--gateways", "2", "--dispatchers=3", "--port-offset", "20000",
				"--kafka-bootstrap", "localhost:39092" }, CWD);
		assertThat(options.scale()).isEqualTo(new Options.Scale(2, 3, 1));
		assertThat(options.scale().scaled()).isTrue();
		assertThat(options.portOffset()).isEqualTo(20000);
		assertThat(options.kafkaBootstrap()).isEqualTo("localhost:39092");
		assertThatExceptionOfType(OptionsException.class)
			.isThrownBy(() -> Options.parse(new String[] { "--ingests", "0" }, CWD))
			.withMessage("--ingests must be a number from 1 to 9, not '0'");
	}

	@Test
	void rootMovesTheDefaultDataDir() {
		Options options = Options.parse(new String[] { "--root", "other/../checkout" }, CWD);
		assertThat(options.root()).isEqualTo(Path.of("/work/repo/checkout"));
		assertThat(options.dataDir()).isEqualTo(Path.of("/work/repo/checkout/.local"));
	}

	@Test
	void dataDirResolvesAgainstTheCurrentDirectory() {
		Options options = Options.parse(new String[] { "--root", "/elsewhere", "--data-dir", "state" }, CWD);
		assertThat(options.root()).isEqualTo(Path.of("/elsewhere"));
		assertThat(options.dataDir()).isEqualTo(Path.of("/work/repo/state"));
	}

	@Test
	void kafkaPortAlsoMovesTheControllerPort() {
		Options options = Options.parse(new String[] { "--kafka-port", "19092" }, CWD);
		assertThat(options.kafkaPort()).isEqualTo(19092);
		assertThat(options.controllerPort()).isEqualTo(19093);
	}

	@Test
	void valuesMayFollowAnEqualsSign() {
		Options options = Options.parse(new String[] { "--kafka-port=9192", "--health-timeout=30" }, CWD);
		assertThat(options.kafkaPort()).isEqualTo(9192);
		assertThat(options.healthTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void flags() {
		Options options = Options.parse(new String[] { "--fresh", "--sandbox", "--only-kafka", "--help" }, CWD);
		assertThat(options.fresh()).isTrue();
		assertThat(options.sandbox()).isTrue();
		assertThat(options.onlyKafka()).isTrue();
		assertThat(options.help()).isTrue();
		assertThat(Options.parse(new String[] { "-h" }, CWD).help()).isTrue();
	}

	@Test
	void unknownOptionIsRejected() {
		assertThatExceptionOfType(OptionsException.class)
			.isThrownBy(() -> Options.parse(new String[] { "--kafka" }, CWD))
			.withMessage("unknown option --kafka");
	}

	@Test
	void strayArgumentIsRejected() {
		assertThatExceptionOfType(OptionsException.class).isThrownBy(() -> Options.parse(new String[] { "kafka" }, CWD))
			.withMessage("unexpected argument kafka");
	}

	@Test
	void missingValueIsRejected() {
		assertThatExceptionOfType(OptionsException.class)
			.isThrownBy(() -> Options.parse(new String[] { "--root" }, CWD))
			.withMessage("--root needs a value");
		assertThatExceptionOfType(OptionsException.class)
			.isThrownBy(() -> Options.parse(new String[] { "--data-dir", "--fresh" }, CWD))
			.withMessage("--data-dir needs a value");
	}

	@Test
	void badPortIsRejected() {
		assertThatExceptionOfType(OptionsException.class)
			.isThrownBy(() -> Options.parse(new String[] { "--kafka-port", "http" }, CWD))
			.withMessage("--kafka-port must be a number from 1 to 65534, not 'http'");
		assertThatExceptionOfType(OptionsException.class)
			.isThrownBy(() -> Options.parse(new String[] { "--kafka-port", "65535" }, CWD))
			.withMessageContaining("from 1 to 65534");
	}

	@Test
	void badOptionsExitWithStatusTwoAndUsage() throws Exception {
		Output out = new Output();
		Output err = new Output();
		int status = LocalStackApplication.run(new String[] { "--frseh" }, out.stream(), err.stream());
		assertThat(status).isEqualTo(2);
		assertThat(err.text()).startsWith("local-stack: unknown option --frseh").contains("Usage: local-stack");
		assertThat(out.text()).isEmpty();
	}

	@Test
	void helpPrintsUsageAndExitsWithZero() throws Exception {
		Output out = new Output();
		Output err = new Output();
		int status = LocalStackApplication.run(new String[] { "--help" }, out.stream(), err.stream());
		assertThat(status).isZero();
		assertThat(out.text()).contains("--root DIR", "--kafka-port N", "--data-dir DIR", "--fresh", "--sandbox",
				"--only-kafka", "--health-timeout");
		assertThat(err.text()).isEmpty();
	}

}
