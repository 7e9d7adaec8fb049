package dev.telephony.gateway.view;

import java.time.Instant;
import java.util.UUID;

import dev.telephony.schemas.InboundMessage;
import dev.telephony.schemas.MessageStatusChanged;
import dev.telephony.schemas.SendSms;

/** The view's mutable state of one SMS we sent; guarded by the view's lock. */
final class MessageRecord {

	private final UUID commandId;

	private String messageUuid;

	private String to;

	private String from;

	private String requestedBy;

	private Instant createdAt;

	private Instant awaitReplyUntil;

	private String status;

	private Instant statusAt;

	private String errorCode;

	private String errorDetail;

	private InboundMessage reply;

	MessageRecord(UUID commandId, Instant seenAt) {
		this.commandId = commandId;
		this.createdAt = seenAt;
	}

	void command(SendSms command) {
		this.requestedBy = command.requestedBy();
		this.to = command.to();
		this.from = command.from();
		this.createdAt = command.createdAt();
		this.awaitReplyUntil = command.awaitReplyUntil();
	}

	void accepted(String messageUuid) {
		this.messageUuid = messageUuid;
	}

	void status(MessageStatusChanged event) {
		this.messageUuid = (this.messageUuid != null) ? this.messageUuid : event.messageUuid();
		// Status webhooks can arrive out of order; the provider's time decides, and a
		// final failure is not overwritten by a late "submitted".
		if (this.statusAt == null || !event.occurredAt().isBefore(this.statusAt)) {
			this.status = event.status();
			this.statusAt = event.occurredAt();
			this.errorCode = event.errorCode();
			this.errorDetail = event.errorDetail();
		}
	}

	/**
	 * The pair of numbers a reply to this SMS comes in on, or null when it waits for
	 * none.
	 */
	String replyConversation() {
		return (this.reply == null && this.awaitReplyUntil != null) ? conversation(this.from, this.to) : null;
	}

	/** Our number and theirs, as one key; null unless both are known. */
	static String conversation(String ours, String theirs) {
		return (ours != null && theirs != null) ? ours + ' ' + theirs : null;
	}

	/** Whether {@code inbound} can be the reply to this SMS. */
	boolean awaits(InboundMessage inbound) {
		return this.reply == null && this.awaitReplyUntil != null && inbound.from().equals(this.to)
				&& inbound.to() != null && inbound.to().equals(this.from)
				&& !inbound.occurredAt().isBefore(this.createdAt)
				&& !inbound.occurredAt().isAfter(this.awaitReplyUntil);
	}

	void reply(InboundMessage inbound) {
		this.reply = inbound;
	}

	UUID commandId() {
		return this.commandId;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	/**
	 * The message as it is now, with the dispatcher's outcome, which the view keeps per
	 * command.
	 */
	MessageSnapshot snapshot(Outcome outcome) {
		return new MessageSnapshot(this.commandId, this.messageUuid, this.to, this.from, this.createdAt,
				this.awaitReplyUntil, outcome, this.status, this.errorCode, this.errorDetail,
				(this.reply != null) ? this.reply.text() : null, (this.reply != null) ? this.reply.occurredAt() : null,
				this.requestedBy);
	}

}
