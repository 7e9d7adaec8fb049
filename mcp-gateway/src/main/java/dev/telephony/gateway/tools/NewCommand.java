package dev.telephony.gateway.tools;

import java.time.Instant;
import java.util.UUID;

/**
 * What every command starts with, filled in by the tool flow: its id, when it was made,
 * its deadline, and the client asking.
 */
record NewCommand(UUID commandId, Instant createdAt, Instant expiresAt, String requestedBy) {

}
