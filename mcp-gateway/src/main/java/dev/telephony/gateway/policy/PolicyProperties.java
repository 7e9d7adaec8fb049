package dev.telephony.gateway.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where calls and messages may go, and how many each client may make. Destinations are
 * written as E.164 prefixes ({@code +44}, {@code +1415}) or ISO regions ({@code GB}).
 *
 * @param allow destinations allowed; empty allows every destination not denied
 * @param deny destinations refused, even when allowed
 * @param deniedTypes number types refused as libphonenumber classifies them; premium-rate
 * and special-service ranges by default
 * @param quotas limits per client
 * @param clients per-client replacements of the above, by client name; what a client
 * leaves unset is inherited
 */
@Validated
@ConfigurationProperties("telephony.gateway.policy")
public record PolicyProperties(@DefaultValue @NotNull List<@Pattern(regexp = DESTINATION) String> allow,
		@DefaultValue @NotNull List<@Pattern(regexp = DESTINATION) String> deny, @DefaultValue( {
				"PREMIUM_RATE", "SHARED_COST", "PERSONAL_NUMBER", "PAGER",
				"VOICEMAIL" }) @NotNull Set<PhoneNumberType> deniedTypes,
		@DefaultValue @Valid @NotNull Quotas quotas, @DefaultValue @Valid @NotNull Map<String, ClientPolicy> clients){

	static final String DESTINATION = "\\+[0-9]{1,15}|[A-Z]{2}";

	/** The rules for one client: its own where it has them, the defaults elsewhere. */
	Rules rulesFor(String client) {
		ClientPolicy own = this.clients.get(client);
		if (own == null) {
			return new Rules(this.allow, this.deny, this.deniedTypes, this.quotas);
		}
		Quotas.Overrides quota = (own.quotas() != null) ? own.quotas() : Quotas.Overrides.NONE;
		return new Rules((own.allow() != null) ? own.allow() : this.allow,
				(own.deny() != null) ? own.deny() : this.deny,
				(own.deniedTypes() != null) ? own.deniedTypes() : this.deniedTypes, this.quotas.with(quota));
	}

	/** What one client may do, resolved. */
	record Rules(List<String> allow, List<String> deny, Set<PhoneNumberType> deniedTypes, Quotas quotas) {
	}

	/**
	 * Limits per client; 0 switches a limit off.
	 *
	 * @param callsPerMinute calls placed in any minute
	 * @param callsPerHour calls placed in any hour
	 * @param callsPerDay calls placed in any day
	 * @param messagesPerMinute SMS sent in any minute
	 * @param messagesPerHour SMS sent in any hour
	 * @param messagesPerDay SMS sent in any day
	 * @param liveCalls calls in progress at once
	 */
	public record Quotas(@DefaultValue("10") @Min(0) int callsPerMinute, @DefaultValue("100") @Min(0) int callsPerHour,
			@DefaultValue("500") @Min(0) int callsPerDay, @DefaultValue("30") @Min(0) int messagesPerMinute,
			@DefaultValue("300") @Min(0) int messagesPerHour, @DefaultValue("1000") @Min(0) int messagesPerDay,
			@DefaultValue("5") @Min(0) int liveCalls) {

		Quotas with(Overrides own) {
			return new Quotas(pick(own.callsPerMinute(), this.callsPerMinute),
					pick(own.callsPerHour(), this.callsPerHour), pick(own.callsPerDay(), this.callsPerDay),
					pick(own.messagesPerMinute(), this.messagesPerMinute),
					pick(own.messagesPerHour(), this.messagesPerHour), pick(own.messagesPerDay(), this.messagesPerDay),
					pick(own.liveCalls(), this.liveCalls));
		}

		private static int pick(Integer own, int inherited) {
			return (own != null) ? own : inherited;
		}

		/** A client's own limits; unset ones are inherited. */
		public record Overrides(@Min(0) Integer callsPerMinute, @Min(0) Integer callsPerHour,
				@Min(0) Integer callsPerDay, @Min(0) Integer messagesPerMinute, @Min(0) Integer messagesPerHour,
				@Min(0) Integer messagesPerDay, @Min(0) Integer liveCalls) {

			static final Overrides NONE = new Overrides(null, null, null, null, null, null, null);

		}

	}

	/** One client's replacements; null fields are inherited. */
	public record ClientPolicy(List<@Pattern(regexp = DESTINATION) String> allow,
			List<@Pattern(regexp = DESTINATION) String> deny, Set<PhoneNumberType> deniedTypes,
			@Valid Quotas.Overrides quotas) {
	}

}
