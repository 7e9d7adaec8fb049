package dev.telephony.gateway.tools;

import java.util.UUID;

import dev.telephony.gateway.view.CallSnapshot;
import dev.telephony.gateway.view.MessageSnapshot;

/**
 * What a tool call's audit record says it was about, named by the tool flow as it acts: a
 * result leaves out what its reader does not need (a pending hang-up names no call), so
 * the audit cannot be read back out of it. Any part may be null.
 *
 * @param destination the number: E.164 digits once read, as given before that
 * @param commandId the command sent, or the one behind the call or message shown
 * @param callUuid the call placed, ended or shown
 */
record AuditDetails(String destination, UUID commandId, String callUuid) {

	static final AuditDetails NONE = new AuditDetails(null, null, null);

	static AuditDetails of(CallSnapshot call) {
		return new AuditDetails(call.to(), call.commandId(), call.callUuid());
	}

	static AuditDetails of(MessageSnapshot message) {
		return new AuditDetails(message.to(), message.commandId(), null);
	}

}
