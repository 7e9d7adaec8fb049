package dev.telephony.sandbox;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Packages depend one way: features never on each other in a cycle, and this service
 * never on another service's code.
 */
@AnalyzeClasses(packages = "dev.telephony.sandbox", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String ROOT = "dev.telephony.sandbox";

	// Left out for now: "features never depend on system" is violated by every feature
	// through system.SandboxProperties (auth.ApiAuthenticator, auth.AuthConfiguration,
	// auth.PublicKeyPem, faults.Faults, faults.FaultSettings,
	// faults.FaultInjectionFilter,
	// journal.Journal, limits.LimitsConfiguration, messages.MessageRequestValidator,
	// messages.SmsPlayback, scenarios.ScenarioBook, voice.CallPlayer, voice.CallRegistry,
	// voice.CallRequestValidator, voice.CallsController, webhooks.WebhookSender,
	// webhooks.WebhookSigner, webhooks.WebhookStream, webhooks.WebhooksConfiguration) and
	// system.StrictJson (faults.FaultsController, scenarios.ScenarioBook,
	// scenarios.ScenariosController). Add the rule (as in the gateway's
	// ArchitectureTests) once those live in their features.

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule noOtherServiceIsUsed = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.telephony.gateway..", "dev.telephony.dispatcher..", "dev.telephony.ingest..",
				"dev.telephony.systemtests..")
		.because("services talk over Kafka and HTTP only, through dev.telephony.schemas");

}
