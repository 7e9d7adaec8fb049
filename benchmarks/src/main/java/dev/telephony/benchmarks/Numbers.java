package dev.telephony.benchmarks;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Destination numbers: UK mobile ranges that libphonenumber accepts (the gateway refuses
 * the rest), one six-digit block per purpose so that sandbox scenarios can target each by
 * prefix.
 */
final class Numbers {

	/** The sandbox's default callee: SMS delivered, calls answered after 1.5 s. */
	static final String PLAIN = "447400";

	/** sms_with_input recipients that reply quickly (correlation). */
	static final String SMS_REPLY = "447402";

	/** voice_call_with_input callees that answer quickly and speak (correlation). */
	static final String VOICE_ANSWER = "447403";

	/** Callees that answer after 30 s (waiters). */
	static final String SLOW_ANSWER = "447404";

	/** Callees that answer every line of a conversation (turns). */
	static final String CONVERSATION = "447405";

	private Numbers() {
	}

	static String random(String prefix) {
		return prefix + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
	}

	static String nth(String prefix, int n) {
		return prefix + String.format("%06d", n);
	}

}
