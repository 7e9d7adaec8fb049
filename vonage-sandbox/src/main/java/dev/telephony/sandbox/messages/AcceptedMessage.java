package dev.telephony.sandbox.messages;

import java.net.URI;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An SMS the Messages API accepted, with what its status webhooks need.
 *
 * @param messageUuid id returned to the caller
 * @param to recipient
 * @param from sender
 * @param text message text, used to count segments
 * @param clientRef caller's reference, echoed in the webhooks
 * @param webhookUrl per-message status URL, if the caller gave one
 * @param applicationId the caller's application, when it authenticated with a JWT
 */
record AcceptedMessage(UUID messageUuid, String to, String from, String text, @Nullable String clientRef,
		@Nullable URI webhookUrl, @Nullable UUID applicationId) {

}
