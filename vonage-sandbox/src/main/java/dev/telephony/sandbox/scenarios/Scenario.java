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

	private static final int MAX_TURNS = 50;

	private static final int MAX_TEXT = 1000;

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

	private static void text(@Nullable String text, String name, List<String> problems) {
		if (text != null && (text.isEmpty() || text.length() > MAX_TEXT)) {
			problems.add(name + " must be 1 to " + MAX_TEXT + " characters");
		}
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
	 * @param turns a scripted conversation replacing {@code say}/{@code digits}: each
	 * listening {@code input} (one that follows a {@code talk} in the running NCCO)
	 * consumes the next turn, other inputs are hold rounds; none gives every input the
	 * same answer
	 * @param machine set when the callee is an answering machine, which never answers an
	 * {@code input}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Voice(VoiceOutcome outcome, @JsonProperty("after_ms") Long afterMs, @Nullable String say,
			@Nullable Double confidence, @Nullable String digits, @Nullable String detail,
			@JsonProperty("sip_code") @Nullable Integer sipCode, @Nullable List<Turn> turns,
			@Nullable Machine machine) {

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
			if (this.turns != null) {
				if (this.turns.isEmpty() || this.turns.size() > MAX_TURNS) {
					problems.add(prefix + "turns must hold 1 to " + MAX_TURNS + " turns");
				}
				for (int i = 0; i < this.turns.size(); i++) {
					Turn turn = this.turns.get(i);
					if (turn == null) {
						problems.add(prefix + "turns[" + i + "] must be an object");
					}
					else {
						turn.problems(prefix + "turns[" + i + "].", problems);
					}
				}
			}
			// Either answers replace the other; mixing them would leave one silently
			// unused.
			if (this.turns != null && (this.say != null || this.digits != null)) {
				problems.add(prefix + "turns cannot be combined with say or digits");
			}
			if (this.machine != null) {
				this.machine.problems(prefix + "machine.", problems);
				if (this.say != null || this.digits != null || this.turns != null) {
					problems.add(prefix + "machine cannot be combined with say, digits or turns");
				}
			}
		}

	}

	/**
	 * One reply of a scripted conversation. A turn that neither says, presses nor hangs
	 * up is silence.
	 *
	 * @param say what the callee says into the listening {@code input}
	 * @param confidence speech recognition confidence of {@code say} and
	 * {@code duringHold} (0.9 if omitted)
	 * @param digits DTMF the callee presses into it
	 * @param hangup whether the callee hangs up when that {@code input} starts instead of
	 * answering
	 * @param duringHold what the callee says into the first hold round after this reply
	 * (while the app is thinking)
	 * @param bargeIn whether the callee starts speaking while a {@code bargeIn} talk
	 * before this turn's {@code input} plays, cutting it short
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Turn(@Nullable String say, @Nullable Double confidence, @Nullable String digits,
			@Nullable Boolean hangup, @JsonProperty("during_hold") @Nullable String duringHold,
			@JsonProperty("barge_in") @Nullable Boolean bargeIn) {

		/** The confidence reported for {@code say} and {@code during_hold}. */
		public double effectiveConfidence() {
			return (this.confidence != null) ? this.confidence : 0.9;
		}

		/** Whether the callee hangs up at this turn. */
		public boolean hangsUp() {
			return Boolean.TRUE.equals(this.hangup);
		}

		/** Whether the callee talks over a {@code bargeIn} talk before this turn. */
		public boolean bargesIn() {
			return Boolean.TRUE.equals(this.bargeIn);
		}

		void problems(String prefix, List<String> problems) {
			text(this.say, prefix + "say", problems);
			text(this.duringHold, prefix + "during_hold", problems);
			if (this.confidence != null && (this.confidence < 0 || this.confidence > 1)) {
				problems.add(prefix + "confidence must be between 0 and 1");
			}
			if (this.digits != null && !DIGITS.matcher(this.digits).matches()) {
				problems.add(prefix + "digits must be 1 to 20 of 0-9, * and #");
			}
			// A callee who hangs up has no answer to give.
			if (hangsUp() && (this.say != null || this.digits != null)) {
				problems.add(prefix + "hangup cannot be combined with say or digits");
			}
		}

	}

	/**
	 * An answering machine: it plays its greeting, beeps and records.
	 *
	 * @param greeting what it says when it picks up (the voicemail prompt)
	 * @param beepAfterMs scripted time from the answer to the beep (the greeting's length
	 * at 65 ms per character if omitted)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Machine(String greeting, @JsonProperty("beep_after_ms") Long beepAfterMs) {

		static final String DEFAULT_GREETING = "Hi, you have reached my voicemail. Please leave a message after the beep.";

		// The pace of the sandbox's talk, so the beep comes when the greeting is over.
		private static final long MS_PER_CHAR = 65;

		public Machine {
			if (greeting == null) {
				greeting = DEFAULT_GREETING;
			}
			if (beepAfterMs == null) {
				beepAfterMs = greeting.length() * MS_PER_CHAR;
			}
		}

		void problems(String prefix, List<String> problems) {
			text(this.greeting, prefix + "greeting", problems);
			if (this.beepAfterMs < 0 || this.beepAfterMs > 600_000) {
				problems.add(prefix + "beep_after_ms must be between 0 and 600000");
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
