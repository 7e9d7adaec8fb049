package dev.telephony.testsupport;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Every service's tests use this artifact, so it may use none of them. */
@AnalyzeClasses(packages = "dev.telephony.testsupport", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule noServiceIsUsed = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage(
				ServiceArchitecture.SERVICE_ROOTS.stream().map((service) -> service + "..").toArray(String[]::new))
		.because("a service's tests would otherwise need another service on their classpath");

}
