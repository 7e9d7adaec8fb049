package dev.telephony.ingest.readapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.telephony.schemas.CallInputReceived;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original callback server's read API, served from the events topic: {@code GET
 * /events?limit&skip}, {@code GET /events/{id}} and {@code GET /event} (speech results).
 */
@RestController
class ReadApiController {

	private static final int MAX_LIMIT = 1000;

	private final RecentEvents events;

	private final JsonMapper json;

	ReadApiController(RecentEvents events, JsonMapper json) {
		this.events = events;
		this.json = json;
	}

	@GetMapping("/events")
	ResponseEntity<?> events(@RequestParam(defaultValue = "100") int limit,
			@RequestParam(defaultValue = "0") int skip) {
		if (limit < 0 || skip < 0) {
			return ResponseEntity.badRequest()
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "limit and skip must not be negative"));
		}
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("count", this.events.count());
		page.put("events", EventViews.events(this.events.page(skip, Math.min(limit, MAX_LIMIT)), this.json));
		return ResponseEntity.ok(page);
	}

	@GetMapping("/events/{id}")
	ResponseEntity<?> event(@PathVariable String id) {
		return this.events.find(id)
			.<ResponseEntity<?>>map((event) -> ResponseEntity.ok(EventViews.event(event, this.json)))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Event with ID " + id + " not found")));
	}

	@GetMapping("/event")
	Map<String, Object> speechEvents() {
		List<Map<String, Object>> speech = this.events.matching(EventViews::hasSpeech)
			.stream()
			.map((event) -> EventViews.speech((CallInputReceived) event, this.json))
			.toList();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("count", speech.size());
		result.put("speech_events", speech);
		return result;
	}

}
