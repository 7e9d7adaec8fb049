package dev.telephony.sandbox.webhooks;

import java.net.URI;
import java.util.UUID;

import dev.telephony.sandbox.journal.JournalEntry;
import org.jspecify.annotations.Nullable;

/**
 * One webhook to deliver.
 *
 * @param url the target, query parameters kept as given
 * @param method {@code POST} (JSON body) or {@code GET} (query parameters)
 * @param payload the body, serialized with the application's JSON mapper
 * @param applicationId the application to name in the signature, if any
 * @param subject what it is about, for the journal
 * @param label status or kind it reports, for the journal ({@code delivered},
 * {@code answered}, {@code input}, …)
 */
public record Webhook(URI url, String method, Object payload, @Nullable UUID applicationId,
		JournalEntry.Subject subject, String label) {

	public static Webhook post(URI url, Object payload, @Nullable UUID applicationId, JournalEntry.Subject subject,
			String label) {
		return new Webhook(url, "POST", payload, applicationId, subject, label);
	}

}
