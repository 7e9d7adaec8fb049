package dev.telephony.sandbox.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * How a scripted callee behaves when called or texted. Either half may be missing; the
 * default scenario fills it in.
 *
 * @param voice behaviour when called
 * @param sms behaviour when texted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scenario(@Nullable Voice voice, @Nullable Sms sms) {

	private static final Pattern DIGITS = Pattern.compile("[0-9*#]{1,20}");

	List<String> problems(String prefix) {
		List<String> problems = new ArrayList<>();
		if (this.voice != null) {
			this.voice.problems(prefix + "voice.", problems);
		}
		if (this.sms != null) {
			this.sms.problems(prefix + "sms.", problems);
		}
		return problems;
	}

	/**
	 * A callee.
	 *
	 * @param outcome what happens to the call
	 * @param afterMs scripted time from the call's creation to the outcome (answer, busy
	 * signal, …; 1500 if omitted); for {@code unanswered} the time it rings before giving
	 * up
	 * @param say what the callee says into a speech {@code input}; none stays silent
	 * @param confidence speech recognition confidence of {@code say}
	 * @param digits DTMF the callee presses into a DTMF {@code input}; none presses
	 * nothing
	 * @param detail {@code detail} of a failed outcome
	 * @param sipCode {@code sip_code} of a failed outcome
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Voice(VoiceOutcome outcome, @JsonProperty("after_ms") Long afterMs, @Nullable String say,
			@Nullable Double confidence, @Nullable String digits, @Nullable String detail,
			@JsonProperty("sip_code") @Nullable Integer sipCode) {

		public Voice {
			if (outcome == null) {
				outcome = VoiceOutcome.ANSWER;
			}
			if (afterMs == null) {
				afterMs = 1500L;
			}
		}

		/** {@code detail} of the failed outcome, Vonage's usual one unless scripted. */
		public @Nullable String effectiveDetail() {
			return (this.detail != null) ? this.detail : this.outcome.detail;
		}

		/** {@code sip_code} of the outcome, Vonage's usual one unless scripted. */
		public int effectiveSipCode() {
			return (this.sipCode != null) ? this.sipCode : this.outcome.sipCode;
		}

		/** The confidence reported for {@code say}. */
		public double effectiveConfidence() {
			return (this.confidence != null) ? this.confidence : 0.9;
		}

		void problems(String prefix, List<String> problems) {
			if (this.afterMs < 0 || this.afterMs > 600_000) {
				problems.add(prefix + "after_ms must be between 0 and 600000");
			}
			if (this.confidence != null && (this.confidence < 0 || this.confidence > 1)) {
				problems.add(prefix + "confidence must be between 0 and 1");
			}
			if (this.digits != null && !DIGITS.matcher(this.digits).matches()) {
				problems.add(prefix + "digits must be 1 to 20 of 0-9, * and #");
			}
		}

	}

	/**
	 * An SMS recipient.
	 *
	 * @param outcome what happens to the message
	 * @param errorCode Messages API error code of a failed outcome ({@code error.title})
	 * @param errorDetail its explanation ({@code error.detail})
	 * @param reply text the recipient sends back, if any
	 * @param replyAfterMs scripted time between delivery and the reply (2000 if omitted)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Sms(SmsOutcome outcome, @JsonProperty("error_code") @Nullable String errorCode,
			@JsonProperty("error_detail") @Nullable String errorDetail, @Nullable String reply,
			@JsonProperty("reply_after_ms") Long replyAfterMs) {

		public Sms {
			if (outcome == null) {
				outcome = SmsOutcome.DELIVERED;
			}
			if (replyAfterMs == null) {
				replyAfterMs = 2000L;
			}
		}

		void problems(String prefix, List<String> problems) {
			if (this.replyAfterMs < 0 || this.replyAfterMs > 600_000) {
				problems.add(prefix + "reply_after_ms must be between 0 and 600000");
			}
			if (this.outcome != SmsOutcome.DELIVERED && this.errorCode == null) {
				problems.add(prefix + "error_code is required for " + this.outcome.name().toLowerCase());
			}
			if (this.reply != null && (this.reply.isEmpty() || this.reply.length() > 3200)) {
				problems.add(prefix + "reply must be 1 to 3200 characters");
			}
		}

	}

	public enum VoiceOutcome {

		/** Answers and follows the NCCO. */
		@JsonProperty("answer")
		ANSWER(null, 200),

		/** {@code busy}. */
		@JsonProperty("busy")
		BUSY(null, 486),

		/**
		 * Rings until it gives up: {@code unanswered}, or {@code timeout} by
		 * ringing_timer.
		 */
		@JsonProperty("unanswered")
		UNANSWERED("unavailable", 480),

		/** {@code rejected}. */
		@JsonProperty("rejected")
		REJECTED("declined", 603),

		/** {@code failed}. */
		@JsonProperty("failed")
		FAILED("cannot_route", 404);

		private final @Nullable String detail;

		private final int sipCode;

		VoiceOutcome(@Nullable String detail, int sipCode) {
			this.detail = detail;
			this.sipCode = sipCode;
		}

	}

	public enum SmsOutcome {

		/** {@code submitted}, then {@code delivered}. */
		@JsonProperty("delivered")
		DELIVERED,

		/** {@code submitted}, then {@code undeliverable} with the error. */
		@JsonProperty("undeliverable")
		UNDELIVERABLE,

		/** {@code rejected} with the error, no {@code submitted}. */
		@JsonProperty("rejected")
		REJECTED

	}

}
