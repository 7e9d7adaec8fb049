package dev.telephony.sandbox.journal;

import java.util.List;

import dev.telephony.sandbox.problems.ApiProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets tests see what reached the sandbox and what it sent back, and reset between tests.
 * Not part of the Vonage API, hence the {@code /_sandbox} prefix.
 */
@RestController
@RequestMapping("/_sandbox/journal")
class JournalController {

	private final Journal journal;

	JournalController(Journal journal) {
		this.journal = journal;
	}

	@GetMapping
	Entries entries(@RequestParam(name = "client_ref", required = false) @Nullable String clientRef,
			@RequestParam(name = "call_uuid", required = false) @Nullable String callUuid,
			@RequestParam(name = "to", required = false) @Nullable String to,
			@RequestParam(name = "kind", required = false) @Nullable String kind) {
		JournalEntry.Kind parsedKind;
		try {
			parsedKind = JournalEntry.Kind.parse(kind);
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblemException.badRequest(ex.getMessage(), List.of());
		}
		return new Entries(this.journal.entries(new JournalEntry.Filter(clientRef, callUuid, to, parsedKind)));
	}

	@DeleteMapping
	ResponseEntity<Void> clear() {
		this.journal.clear();
		return ResponseEntity.noContent().build();
	}

	record Entries(List<JournalEntry> entries) {
	}

}
