package dev.telephony.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Packages depend one way: features never on {@code system}, which only wires them, and
 * never on each other in a cycle; and this service never on another service's code.
 */
@AnalyzeClasses(packages = "dev.telephony.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String ROOT = "dev.telephony.gateway";

	@ArchTest
	static final ArchRule featuresDoNotDependOnSystem = noClasses().that()
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
		.resideInAnyPackage("dev.telephony.dispatcher..", "dev.telephony.ingest..", "dev.telephony.sandbox..",
				"dev.telephony.systemtests..")
		.because("services talk over Kafka and HTTP only, through dev.telephony.schemas");

}
