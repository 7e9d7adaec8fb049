package dev.telephony.authserver;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.telephony.testsupport.ServiceArchitecture;

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

	@ArchTest
	static final ArchRule noOtherServiceIsUsed = ServiceArchitecture.noOtherServiceIsUsed(ROOT);

}
