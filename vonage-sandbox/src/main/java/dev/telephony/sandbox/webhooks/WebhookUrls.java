package dev.telephony.sandbox.webhooks;

import java.net.URI;

/** Which URLs the sandbox can deliver a webhook to. */
public final class WebhookUrls {

	private WebhookUrls() {
	}

	/**
	 * Whether a URI is something the sandbox can POST a webhook to.
	 * @param uri the URI to check
	 * @return true for absolute http(s) URIs with a host
	 */
	public static boolean isHttpUrl(URI uri) {
		String scheme = uri.getScheme();
		return uri.isAbsolute() && uri.getHost() != null
				&& ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
	}

}
