package dev.telephony.dispatcher;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Packages depend one way: features never on the wiring, never on each other in a cycle,
 * and this service never on another service's code.
 */
@AnalyzeClasses(packages = "dev.telephony.dispatcher", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String ROOT = "dev.telephony.dispatcher";

	@ArchTest
	static final ArchRule featuresNeverUseSystem = noClasses().that()
		.resideInAPackage(ROOT + "..")
		.and()
		.resideOutsideOfPackages(ROOT, ROOT + ".system..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage(ROOT + ".system..")
		.because("system only wires the features together");

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule noOtherServiceIsUsed = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.telephony.gateway..", "dev.telephony.ingest..", "dev.telephony.sandbox..",
				"dev.telephony.systemtests..")
		.because("services talk over Kafka and HTTP only, through dev.telephony.schemas");

}
