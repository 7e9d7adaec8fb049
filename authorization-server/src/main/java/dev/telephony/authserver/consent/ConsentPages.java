package dev.telephony.authserver.consent;

/** The path of the consent page, for the security configuration. */
public final class ConsentPages {

	public static final String CONSENT = "/oauth2/consent";

	private ConsentPages() {
	}

}
