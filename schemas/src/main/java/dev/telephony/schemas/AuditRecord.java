package dev.telephony.schemas;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One MCP tool call as the gateway answered it, on {@link Topics#AUDIT}: who asked for
 * what, for whom, and how it ended. Written for every tool call, refused ones included.
 *
 * @param auditId unique id of this record
 * @param occurredAt when the tool call was answered
 * @param requestedBy who called: a static client's name, or an OAuth token's subject
 * @param tool the MCP tool name
 * @param destination the destination as E.164 digits when it parsed, else as given;
 * absent for tools without one
 * @param outcome the bounded result: success, pending, error, refused, invalid
 * @param reason why a call was refused or failed, in words
 * @param commandId the command the call published, if any
 * @param callUuid the call a status or hang-up tool was about, if any
 * @param text the message or prompt text, only when the gateway is configured to audit it
 * @param durationMillis how long the tool call took
 * @param clientId the OAuth client that called on behalf of {@code requestedBy}, when the
 * call came with an OAuth token; absent for static tokens and local clients
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditRecord(@JsonProperty("auditId") UUID auditId, @JsonProperty("occurredAt") Instant occurredAt,
		@JsonProperty("requestedBy") String requestedBy, @JsonProperty("tool") String tool,
		@JsonProperty("destination") String destination, @JsonProperty("outcome") String outcome,
		@JsonProperty("reason") String reason, @JsonProperty("commandId") UUID commandId,
		@JsonProperty("callUuid") String callUuid, @JsonProperty("text") String text,
		@JsonProperty("durationMillis") Integer durationMillis, @JsonProperty("clientId") String clientId) {

	public AuditRecord {
		Objects.requireNonNull(auditId, "auditId is required");
		Objects.requireNonNull(occurredAt, "occurredAt is required");
		Objects.requireNonNull(requestedBy, "requestedBy is required");
		Objects.requireNonNull(tool, "tool is required");
		Objects.requireNonNull(outcome, "outcome is required");
	}

	/** Keyed by client, so that one client's trail stays in order. */
	public String recordKey() {
		return this.requestedBy;
	}

	@Override
	public String toString() {
		// Message text is for the audit topic only, never for a log line.
		return "AuditRecord[auditId=" + this.auditId + ", requestedBy=" + this.requestedBy
				+ ((this.clientId != null) ? ", clientId=" + this.clientId : "") + ", tool=" + this.tool + ", outcome="
				+ this.outcome + ", commandId=" + this.commandId + "]";
	}

}
