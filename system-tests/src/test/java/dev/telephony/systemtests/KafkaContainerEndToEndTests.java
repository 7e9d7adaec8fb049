package dev.telephony.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.telephony.testsupport.ExternalTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The flow on a Kafka container, for machines with Docker; skipped where there is none
 * (failed under REQUIRE_EXTERNAL_TOOLS). The image is the one scripts/build-images makes
 * (part kafka), telephony/kafka at the root pom's kafka.version, a stand-in for
 * apache/kafka; another can be named with {@code -Dtelephony.kafka.image=} or
 * TELEPHONY_KAFKA_IMAGE. It is never pulled: without it the test is skipped, saying how
 * to build it. Under REQUIRE_EXTERNAL_TOOLS (CI) the default image is built first
 * (LocalImages) and a missing image fails the test. Ryuk is off (system-tests/pom.xml:
 * its image cannot be pulled either), so the container is stopped here, after the
 * services.
 */
@ExtendWith(KafkaContainerEndToEndTests.DockerAndImage.class)
class KafkaContainerEndToEndTests extends EndToEndContract {

	private static final String NO_DOCKER = "no Docker engine answers";

	private static final String DOCKER_REMEDY = "install docker.io and start dockerd (.ci/run does)";

	private static final String MISSING = " is not on this Docker engine";

	private static final String REMEDY = "build it with scripts/build-images base jre kafka (or name another with -Dtelephony.kafka.image=)";

	private KafkaContainer kafka;

	@Override
	String bootstrapServers() {
		String image = image();
		ExternalTools.require(DockerClientFactory.instance().isDockerAvailable(), NO_DOCKER, DOCKER_REMEDY);
		if (System.getenv("REQUIRE_EXTERNAL_TOOLS") != null && image.equals(defaultImage())) {
			// CI (.ci/run): this commit's image, built here if missing or out of date, as
			// ComposeDeploymentTests does; a quick no-op when it is current.
			try {
				LocalImages.require(Path.of("target/kafka-image/build-images.log"), "base", "jre", "kafka");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		ExternalTools.require(presentLocally(image), "the Kafka image " + image + MISSING, REMEDY);
		this.kafka = new KafkaContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("apache/kafka"))
			// Never pulled (no registry): used as it is, or not at all.
			.withImagePullPolicy((name) -> false)
			// The broker's port published on 127.0.0.1 only.
			.withCreateContainerCmdModifier((cmd) -> cmd.getHostConfig()
				.withPortBindings(Arrays.stream(cmd.getExposedPorts())
					.map((port) -> new PortBinding(Ports.Binding.bindIp("127.0.0.1"), port))
					.toList()))
			.withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
		this.kafka.start();
		return this.kafka.getBootstrapServers();
	}

	/** The services first, while the broker is still there for their goodbyes. */
	@Override
	@AfterAll
	void stopStack() {
		try {
			super.stopStack();
		}
		finally {
			if (this.kafka != null) {
				this.kafka.stop();
			}
		}
	}

	private static String image() {
		String image = System.getProperty("telephony.kafka.image");
		if (image == null || image.isBlank()) {
			image = System.getenv("TELEPHONY_KAFKA_IMAGE");
		}
		return (image == null || image.isBlank()) ? defaultImage() : image;
	}

	/** Kafka's image from scripts/build-images, at the root pom's kafka.version. */
	private static String defaultImage() {
		return "telephony/kafka:" + System.getProperty("telephony.kafka.version", "4.2.1");
	}

	/**
	 * Skips every test, each with the reason, without Docker or the image (a skip from
	 * {@code @BeforeAll} would be reported without it). Under REQUIRE_EXTERNAL_TOOLS the
	 * tests run, and bootstrapServers fails them for what is missing.
	 */
	static final class DockerAndImage implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (System.getenv("REQUIRE_EXTERNAL_TOOLS") != null) {
				return ConditionEvaluationResult.enabled("REQUIRE_EXTERNAL_TOOLS: what is missing fails");
			}
			if (!DockerClientFactory.instance().isDockerAvailable()) {
				return ConditionEvaluationResult.disabled(NO_DOCKER + "; " + DOCKER_REMEDY);
			}
			if (!presentLocally(image())) {
				return ConditionEvaluationResult.disabled("the Kafka image " + image() + MISSING + "; " + REMEDY);
			}
			return ConditionEvaluationResult.enabled("Docker and " + image() + " are here");
		}

	}

	private static boolean presentLocally(String image) {
		try {
			DockerClientFactory.instance().client().inspectImageCmd(image).exec();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

}
