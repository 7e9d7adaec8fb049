package dev.telephony.authserver.login;

/** The paths of the sign-in page, for the security configuration. */
public final class LoginPages {

	public static final String LOGIN = "/login";

	/** Where a refused sign-in attempt is forwarded, to be answered with the page. */
	public static final String RATE_LIMITED = "/login/rate-limited";

	private LoginPages() {
	}

}
