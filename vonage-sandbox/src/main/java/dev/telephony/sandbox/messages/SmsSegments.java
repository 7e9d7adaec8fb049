package dev.telephony.sandbox.messages;

/**
 * Approximates how many SMS parts a text needs, for {@code sms.count_total} and the
 * price. Treats plain ASCII as GSM-7 (160 per part, 153 when concatenated) and anything
 * else as UCS-2 (70, 67); the GSM-7 extension table is ignored.
 */
final class SmsSegments {

	private SmsSegments() {
	}

	static int count(String text) {
		boolean ascii = text.chars().allMatch((c) -> c < 0x80);
		int single = ascii ? 160 : 70;
		int concatenated = ascii ? 153 : 67;
		int length = text.codePointCount(0, text.length());
		return (length <= single) ? 1 : (length + concatenated - 1) / concatenated;
	}

}
