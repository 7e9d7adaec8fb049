package dev.telephony.sandbox.messages;

import java.time.Clock;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.telephony.sandbox.auth.Caller;
import dev.telephony.sandbox.journal.Journal;
import dev.telephony.sandbox.journal.JournalEntry;
import dev.telephony.sandbox.limits.AdmissionTime;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Messages API send endpoint, SMS channel only so far. Authentication happened before
 * this runs (see the {@code auth} package).
 */
@RestController
class MessagesController {

	private final Journal journal;

	private final SmsPlayback playback;

	private final Clock clock;

	MessagesController(Journal journal, SmsPlayback playback, Clock clock) {
		this.journal = journal;
		this.playback = playback;
		this.clock = clock;
	}

	@PostMapping(path = "/v1/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Accepted> send(@RequestBody MessageRequest body, HttpServletRequest request) {
		Caller caller = Caller.of(request);
		MessageRequestValidator.Sms sms = MessageRequestValidator.validate(body);
		UUID messageUuid = UUID.randomUUID();
		this.journal.record(JournalEntry.request(AdmissionTime.of(request, this.clock), request.getMethod(),
				request.getRequestURI(), "sms", messageUuid, sms.clientRef(), sms.to(), sms.from()));
		this.playback.accepted(new AcceptedMessage(messageUuid, sms.to(), sms.from(), sms.text(), sms.clientRef(),
				sms.webhookUrl(), caller.applicationId()));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(messageUuid));
	}

	record Accepted(@JsonProperty("message_uuid") UUID messageUuid) {
	}

}
