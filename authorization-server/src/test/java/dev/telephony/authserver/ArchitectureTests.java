package dev.telephony.authserver;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.telephony.testsupport.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Packages depend one way: features never on system or on each other in a cycle, and this
 * service never on another service's code.
 */
@AnalyzeClasses(packages = ArchitectureTests.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	static final String ROOT = "dev.telephony.authserver";

	@ArchTest
	static final ArchRule featuresDoNotDependOnSystem = ServiceArchitecture.featuresDoNotDependOnSystem(ROOT);

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = ServiceArchitecture.featuresAreFreeOfCycles(ROOT);

	// ServiceArchitecture.noOtherServiceIsUsed knows only the services listed in
	// test-support; this one is not among them (yet), so it checks against all of them.
	@ArchTest
	static final ArchRule noOtherServiceIsUsed = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage(
				ServiceArchitecture.SERVICE_ROOTS.stream().map((service) -> service + "..").toArray(String[]::new))
		.because("the authorization server shares no code with the services it issues tokens for");

}
