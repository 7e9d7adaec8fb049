package dev.telephony.gateway.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DestinationPolicyTests {

	private static final Set<PhoneNumberType> DEFAULT_DENIED = Set.of(PhoneNumberType.PREMIUM_RATE,
			PhoneNumberType.SHARED_COST, PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.PAGER,
			PhoneNumberType.VOICEMAIL);

	@Test
	void premiumRateAndSpecialServiceRangesAreDeniedByDefault() {
		DestinationPolicy policy = policy(List.of(), List.of(), Map.of());
		assertRefused(policy, "anyone", "449098790000", "number_type_denied", "premium-rate");
		assertRefused(policy, "anyone", "33899123456", "number_type_denied", "premium-rate");
		assertRefused(policy, "anyone", "447011234567", "number_type_denied", "personal-number");
		assertRefused(policy, "anyone", "447640123456", "number_type_denied", "pager");
		assertThatCode(() -> policy.check("anyone", "442079460000")).doesNotThrowAnyException();
		assertThatCode(() -> policy.check("anyone", "448001234567")).as("toll-free is free to call")
			.doesNotThrowAnyException();
	}

	@Test
	void denyWinsOverAllowAndRegionsMatchAsLibphonenumberPlacesThem() {
		DestinationPolicy policy = policy(List.of("GB", "+1"), List.of("+1900", "CA"), Map.of());
		assertRefused(policy, "anyone", "16135550123", "destination_denied", "deny-list entry CA");
		assertThatCode(() -> policy.check("anyone", "14155550123")).doesNotThrowAnyException();
		assertThatCode(() -> policy.check("anyone", "442079460000")).doesNotThrowAnyException();
		// +44 7911 is a Guernsey range: a region entry is exact, a prefix is the way to
		// say "every +44".
		assertRefused(policy, "anyone", "447911123456", "destination_not_allowed", "(GG)");
		assertRefused(policy, "anyone", "4915791234567", "destination_not_allowed", "outside the destinations");
	}

	@Test
	void aClientsOwnRulesReplaceTheDefaultsAndInheritTheRest() {
		PolicyProperties.ClientPolicy testing = new PolicyProperties.ClientPolicy(List.of("+44"), null, Set.of(), null);
		DestinationPolicy policy = policy(List.of(), List.of("+4420794"), Map.of("testing", testing));
		assertThatCode(() -> policy.check("testing", "449098790000")).as("its own number types: none denied")
			.doesNotThrowAnyException();
		assertRefused(policy, "testing", "14155550123", "destination_not_allowed", "+44");
		assertRefused(policy, "testing", "442079460123", "destination_denied", "+4420794");
		assertThatCode(() -> policy.check("other", "14155550123")).doesNotThrowAnyException();
	}

	private static void assertRefused(DestinationPolicy policy, String client, String destination, String reason,
			String inMessage) {
		assertThatThrownBy(() -> policy.check(client, destination)).isInstanceOf(CommandRefusedException.class)
			.hasMessageContaining(inMessage)
			.hasMessageContaining("+" + destination)
			.extracting((ex) -> ((CommandRefusedException) ex).reason())
			.isEqualTo(reason);
	}

	private static DestinationPolicy policy(List<String> allow, List<String> deny,
			Map<String, PolicyProperties.ClientPolicy> clients) {
		return new DestinationPolicy(new PolicyProperties(allow, deny, DEFAULT_DENIED, quotas(), clients));
	}

	static PolicyProperties.Quotas quotas() {
		return new PolicyProperties.Quotas(10, 100, 500, 30, 300, 1000, 5);
	}

}
