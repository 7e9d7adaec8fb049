package dev.telephony.schemas;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The wire records are a plain jar every service shares: no framework, no service code.
 */
@AnalyzeClasses(packages = "dev.telephony.schemas", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule schemasDoNotDependOnSpring = noClasses().that()
		.resideInAPackage("dev.telephony.schemas..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework..")
		.because("schemas is read by every service, whatever its framework version");

	@ArchTest
	static final ArchRule schemasDoNotDependOnServices = noClasses().that()
		.resideInAPackage("dev.telephony.schemas..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.telephony.gateway..", "dev.telephony.dispatcher..", "dev.telephony.ingest..",
				"dev.telephony.sandbox..")
		.because("services depend on schemas, never the other way");

}
