package dev.telephony.publishing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** A library under the services: it knows the wire contracts and nothing of theirs. */
@AnalyzeClasses(packages = "dev.telephony.publishing", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule noServiceIsUsed = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.telephony.gateway..", "dev.telephony.dispatcher..", "dev.telephony.ingest..",
				"dev.telephony.sandbox..", "dev.telephony.systemtests..")
		.because("the services depend on this library, never the other way");

}
