package dev.telephony.ingest.publishing;

/**
 * Why a webhook's signature was refused; {@link #tag()} is the metric tag value, a fixed
 * vocabulary. It lives with the metrics rather than the verifiers so that every reason is
 * counted, at zero, from start-up.
 */
public enum SignatureFailure {

	/** No Authorization header or {@code sig} parameter. */
	MISSING("missing"),

	/** Not a JWT, no {@code iat}, no SMS {@code timestamp}, and the like. */
	MALFORMED("malformed"),

	/** Signed with another algorithm than HS256, or {@code alg: none}. */
	WRONG_ALGORITHM("wrong_algorithm"),

	/** The signature does not match: another secret, or a forged token. */
	BAD_SIGNATURE("bad_signature"),

	/** Validly signed, but for another body: the request was tampered with. */
	PAYLOAD_MISMATCH("payload_mismatch"),

	/** Signed too long ago: possibly a replay. */
	STALE("stale"),

	/** Signed in the future, beyond the allowed clock skew. */
	FUTURE("future");

	private final String tag;

	SignatureFailure(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
