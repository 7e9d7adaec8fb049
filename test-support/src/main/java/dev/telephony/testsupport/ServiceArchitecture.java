package dev.telephony.testsupport;

import java.util.List;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules every service keeps, for its root package: packages depend one way, features
 * never on {@code system}, which only wires them, never on each other in a cycle, and the
 * service never on another service's code. Each service's own {@code ArchitectureTests}
 * names them, so that every module still checks itself.
 */
public final class ServiceArchitecture {

	/** The root packages of the code that must not reach into another's. */
	public static final List<String> SERVICE_ROOTS = List.of("dev.telephony.gateway", "dev.telephony.dispatcher",
			"dev.telephony.ingest", "dev.telephony.sandbox", "dev.telephony.authserver", "dev.telephony.systemtests");

	private ServiceArchitecture() {
	}

	public static ArchRule featuresDoNotDependOnSystem(String root) {
		return noClasses().that()
			.resideInAPackage(root + "..")
			.and()
			.resideOutsideOfPackages(root, root + ".system..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(root + ".system..")
			.because("system only wires the features; each feature owns its configuration");
	}

	public static ArchRule featuresAreFreeOfCycles(String root) {
		return slices().matching(root + ".(*)..").should().beFreeOfCycles();
	}

	public static ArchRule noOtherServiceIsUsed(String root) {
		if (!SERVICE_ROOTS.contains(root)) {
			// Else a misspelt root would forbid the service its own code.
			throw new IllegalArgumentException(root + " is none of " + SERVICE_ROOTS);
		}
		return noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage(SERVICE_ROOTS.stream()
				.filter((service) -> !service.equals(root))
				.map((service) -> service + "..")
				.toArray(String[]::new))
			.because("services talk over Kafka and HTTP only, through dev.telephony.schemas");
	}

}
