package dev.telephony.ingest;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Packages depend one way: features never on system or on each other in a cycle, and this
 * service never on another service's code.
 */
@AnalyzeClasses(packages = "dev.telephony.ingest", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String ROOT = "dev.telephony.ingest";

	@ArchTest
	static final ArchRule featuresDoNotDependOnSystem = noClasses().that()
		.resideInAPackage(ROOT + "..")
		.and()
		.resideOutsideOfPackages(ROOT, ROOT + ".system..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage(ROOT + ".system..")
		.because("system only wires the features; each feature owns its configuration");

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule noOtherServiceIsUsed = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.telephony.gateway..", "dev.telephony.dispatcher..", "dev.telephony.sandbox..",
				"dev.telephony.systemtests..")
		.because("services talk over Kafka and HTTP only, through dev.telephony.schemas");

}
