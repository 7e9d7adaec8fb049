package dev.telephony.sandbox.voice;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.telephony.sandbox.auth.Caller;
import dev.telephony.sandbox.journal.Journal;
import dev.telephony.sandbox.journal.JournalEntry;
import dev.telephony.sandbox.limits.AdmissionTime;
import dev.telephony.sandbox.problems.ApiProblemException;
import dev.telephony.sandbox.problems.InvalidParameter;
import dev.telephony.sandbox.webhooks.WebhookUrls;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Voice API's call endpoints, outbound calls to phone numbers only. Authentication
 * happened before this runs (see the {@code auth} package).
 */
@RestController
@RequestMapping("/v1/calls")
class CallsController {

	private static final Set<String> STATUSES = Set.of("started", "ringing", "answered", "machine", "completed", "busy",
			"cancelled", "failed", "rejected", "timeout", "unanswered");

	private final CallRegistry calls;

	private final CallPlayer player;

	private final Journal journal;

	private final Clock clock;

	CallsController(CallRegistry calls, CallPlayer player, Journal journal, Clock clock) {
		this.calls = calls;
		this.player = player;
		this.journal = journal;
		this.clock = clock;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body, HttpServletRequest request) {
		CallSpec spec = CallRequestValidator.validate(body);
		Call call = new Call(spec, Caller.of(request).applicationId(), AdmissionTime.of(request, this.clock));
		this.calls.add(call);
		this.journal.record(JournalEntry.callCreated(call.created(), request.getMethod(), request.getRequestURI(),
				call.uuid(), call.conversationUuid(), spec.to(), spec.from(), spec.eventUrl()));
		this.player.start(call);
		Map<String, Object> created = new LinkedHashMap<>();
		created.put("uuid", call.uuid());
		created.put("status", "started");
		created.put("direction", "outbound");
		created.put("conversation_uuid", call.conversationUuid());
		return ResponseEntity.status(HttpStatus.CREATED).body(created);
	}

	@GetMapping("/{uuid}")
	Map<String, Object> get(@PathVariable String uuid, HttpServletRequest request) {
		Call call = find(uuid);
		journal(request, uuid, null);
		return view(call);
	}

	@GetMapping
	Map<String, Object> list(@RequestParam(required = false) @Nullable String status,
			@RequestParam(name = "date_start", required = false) @Nullable String dateStart,
			@RequestParam(name = "date_end", required = false) @Nullable String dateEnd,
			@RequestParam(name = "page_size", required = false) @Nullable String pageSize,
			@RequestParam(name = "record_index", required = false) @Nullable String recordIndex,
			@RequestParam(required = false) @Nullable String order,
			@RequestParam(name = "conversation_uuid", required = false) @Nullable String conversationUuid,
			HttpServletRequest request) {
		List<InvalidParameter> invalid = new ArrayList<>();
		String wantedStatus = (status != null) ? status.toLowerCase(Locale.ROOT) : null;
		if (wantedStatus != null && !STATUSES.contains(wantedStatus)) {
			invalid.add(new InvalidParameter("status", "must be one of " + String.join(", ", STATUSES)));
		}
		Instant start = instant("date_start", dateStart, invalid);
		Instant end = instant("date_end", dateEnd, invalid);
		int size = integer("page_size", pageSize, 10, 1, 100, invalid);
		int index = integer("record_index", recordIndex, 0, 0, Integer.MAX_VALUE, invalid);
		boolean descending = "desc".equalsIgnoreCase(order);
		if (order != null && !descending && !"asc".equalsIgnoreCase(order)) {
			invalid.add(new InvalidParameter("order", "must be asc or desc"));
		}
		if (!invalid.isEmpty()) {
			throw ApiProblemException.badRequest("The request failed due to validation errors.", invalid);
		}
		journal(request, null, null);
		List<Call> matching = this.calls.all()
			.stream()
			.filter((call) -> wantedStatus == null || wantedStatus.equals(call.snapshot().status()))
			.filter((call) -> start == null || !call.created().isBefore(start))
			.filter((call) -> end == null || !call.created().isAfter(end))
			.filter((call) -> conversationUuid == null || conversationUuid.equals(call.conversationUuid()))
			.sorted(descending ? Comparator.comparing(Call::created).reversed() : Comparator.comparing(Call::created))
			.toList();
		List<Map<String, Object>> page = matching.stream().skip(index).limit(size).map(this::view).toList();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("count", matching.size());
		body.put("page_size", size);
		body.put("record_index", index);
		body.put("_links", Map.of("self", Map.of("href",
				request.getRequestURI() + ((request.getQueryString() != null) ? "?" + request.getQueryString() : ""))));
		body.put("_embedded", Map.of("calls", page));
		return body;
	}

	@PutMapping(path = "/{uuid}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> modify(@PathVariable String uuid, @RequestBody JsonNode body, HttpServletRequest request) {
		Call call = find(uuid);
		String action = body.path("action").asString("");
		switch (action) {
			case "hangup" -> active(call).requestHangup();
			case "mute" -> active(call).mute(true);
			case "unmute" -> active(call).mute(false);
			case "earmuff" -> active(call).earmuff(true);
			case "unearmuff" -> active(call).earmuff(false);
			case "transfer" -> active(call).requestTransfer(transfer(body.path("destination")));
			default -> throw ApiProblemException.badRequest("The request failed due to validation errors.",
					List.of(new InvalidParameter("action",
							"must be one of hangup, mute, unmute, earmuff, unearmuff, transfer")));
		}
		journal(request, uuid, action);
		return ResponseEntity.noContent().build();
	}

	@PutMapping(path = "/{uuid}/talk", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, String> startTalk(@PathVariable String uuid, @RequestBody JsonNode body, HttpServletRequest request) {
		Call call = answered(find(uuid));
		if (body.path("text").asString("").isEmpty()) {
			throw ApiProblemException.badRequest("The request failed due to validation errors.",
					List.of(new InvalidParameter("text", "is required")));
		}
		journal(request, uuid, "talk");
		return Map.of("message", "Talk started", "uuid", call.uuid());
	}

	@DeleteMapping("/{uuid}/talk")
	Map<String, String> stopTalk(@PathVariable String uuid, HttpServletRequest request) {
		Call call = answered(find(uuid));
		journal(request, uuid, "talk_stop");
		return Map.of("message", "Talk stopped", "uuid", call.uuid());
	}

	@PutMapping(path = "/{uuid}/dtmf", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, String> sendDtmf(@PathVariable String uuid, @RequestBody JsonNode body, HttpServletRequest request) {
		Call call = answered(find(uuid));
		if (!body.path("digits").asString("").matches("[0-9*#p]{1,50}")) {
			throw ApiProblemException.badRequest("The request failed due to validation errors.",
					List.of(new InvalidParameter("digits", "must be 1 to 50 of 0-9, *, # and p")));
		}
		journal(request, uuid, "dtmf");
		return Map.of("message", "DTMF sent", "uuid", call.uuid());
	}

	@PutMapping(path = "/{uuid}/stream", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, String> startStream(@PathVariable String uuid, HttpServletRequest request) {
		Call call = answered(find(uuid));
		journal(request, uuid, "stream");
		return Map.of("message", "Stream started", "uuid", call.uuid());
	}

	@DeleteMapping("/{uuid}/stream")
	Map<String, String> stopStream(@PathVariable String uuid, HttpServletRequest request) {
		Call call = answered(find(uuid));
		journal(request, uuid, "stream_stop");
		return Map.of("message", "Stream stopped", "uuid", call.uuid());
	}

	private Call.Transfer transfer(JsonNode destination) {
		List<InvalidParameter> invalid = new ArrayList<>();
		if (!"ncco".equals(destination.path("type").asString(""))) {
			invalid.add(new InvalidParameter("destination.type", "must be ncco"));
		}
		else if (destination.has("ncco")) {
			ArrayNode ncco = CallRequestValidator.ncco(destination.get("ncco"), "destination.ncco", invalid);
			if (invalid.isEmpty()) {
				return new Call.Transfer(ncco, null);
			}
		}
		else if (destination.path("url").isArray() && destination.path("url").size() == 1) {
			try {
				URI url = URI.create(destination.path("url").get(0).asString(""));
				if (WebhookUrls.isHttpUrl(url)) {
					return new Call.Transfer(null, url);
				}
			}
			catch (IllegalArgumentException ex) {
				// reported below
			}
			invalid.add(new InvalidParameter("destination.url", "must be an array of one absolute http(s) URL"));
		}
		else {
			invalid.add(new InvalidParameter("destination", "needs ncco or url"));
		}
		throw ApiProblemException.badRequest("The request failed due to validation errors.", invalid);
	}

	private Call find(String uuid) {
		return this.calls.find(uuid)
			.orElseThrow(() -> ApiProblemException.notFound("Call " + uuid + " does not exist."));
	}

	// Unconfirmed: the status and body Vonage uses for calls that are already over.
	private static Call active(Call call) {
		if (call.isOver()) {
			throw ApiProblemException.badRequest("Call " + call.uuid() + " is already over.", List.of());
		}
		return call;
	}

	private static Call answered(Call call) {
		if (!"answered".equals(call.snapshot().status())) {
			throw ApiProblemException.badRequest("Call " + call.uuid() + " is not in progress.", List.of());
		}
		return call;
	}

	private void journal(HttpServletRequest request, @Nullable String uuid, @Nullable String action) {
		this.journal.record(JournalEntry.callRequest(this.clock.instant(), request.getMethod(), request.getRequestURI(),
				uuid, action));
	}

	private Map<String, Object> view(Call call) {
		Call.Snapshot snapshot = call.snapshot();
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("_links", Map.of("self", Map.of("href", "/v1/calls/" + call.uuid())));
		view.put("uuid", call.uuid());
		view.put("conversation_uuid", call.conversationUuid());
		view.put("to", Map.of("type", "phone", "number", call.spec().to()));
		view.put("from", Map.of("type", "phone", "number", call.spec().from()));
		view.put("status", snapshot.status());
		view.put("direction", "outbound");
		if (snapshot.startTime() != null) {
			view.put("start_time", VoiceEvents.TIME.format(snapshot.startTime()));
			view.put("network", VoiceEvents.NETWORK);
		}
		if ("completed".equals(snapshot.status())) {
			view.put("rate", VoiceEvents.RATE);
			view.put("price", snapshot.price());
			view.put("duration", Integer.toString(snapshot.duration()));
			view.put("end_time", VoiceEvents.TIME.format(snapshot.endTime()));
		}
		return view;
	}

	private static @Nullable Instant instant(String name, @Nullable String value, List<InvalidParameter> invalid) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException again) {
				invalid.add(new InvalidParameter(name, "must be an ISO-8601 date and time"));
				return null;
			}
		}
	}

	private static int integer(String name, @Nullable String value, int fallback, int min, int max,
			List<InvalidParameter> invalid) {
		if (value == null) {
			return fallback;
		}
		try {
			int parsed = Integer.parseInt(value);
			if (parsed >= min && parsed <= max) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		invalid.add(new InvalidParameter(name, "must be an integer from " + min + " to " + max));
		return fallback;
	}

}
