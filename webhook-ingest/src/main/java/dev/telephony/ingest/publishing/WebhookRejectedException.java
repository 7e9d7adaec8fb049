package dev.telephony.ingest.publishing;

import org.springframework.http.HttpStatus;

/**
 * A webhook refused before or while publishing; rendered as a problem and counted by
 * {@link WebhookProblems}.
 */
public class WebhookRejectedException extends RuntimeException {

	private final String source;

	private final HttpStatus status;

	private final String outcome;

	private final String signatureFailure;

	private WebhookRejectedException(String source, HttpStatus status, String outcome, String signatureFailure,
			String detail, Throwable cause) {
		super(detail, cause);
		this.source = source;
		this.status = status;
		this.outcome = outcome;
		this.signatureFailure = signatureFailure;
	}

	/** Malformed or oversized: Vonage would send the same again, so no retry helps. */
	public static WebhookRejectedException invalid(String source, HttpStatus status, String detail) {
		return new WebhookRejectedException(source, status, "invalid", null, detail, null);
	}

	/**
	 * Unsigned, badly signed, tampered or stale.
	 * @param reason a short, fixed metric tag value such as {@code bad_signature}
	 */
	public static WebhookRejectedException unauthorized(String source, String reason, String detail) {
		return new WebhookRejectedException(source, HttpStatus.UNAUTHORIZED, "rejected", reason, detail, null);
	}

	static WebhookRejectedException unavailable(String source, Throwable cause) {
		return new WebhookRejectedException(source, HttpStatus.SERVICE_UNAVAILABLE, "unavailable", null,
				"The event could not be stored; send it again later.", cause);
	}

	String source() {
		return this.source;
	}

	HttpStatus status() {
		return this.status;
	}

	String outcome() {
		return this.outcome;
	}

	/** The signature failure reason, or null when the signature was not the problem. */
	public String signatureFailure() {
		return this.signatureFailure;
	}

}
