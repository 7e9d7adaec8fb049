package dev.telephony.sandbox.scenarios;

import java.util.List;

import dev.telephony.sandbox.problems.ApiProblemException;
import dev.telephony.sandbox.json.StrictJson;
import tools.jackson.core.JacksonException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets tests script callees at run time. Not part of the Vonage API.
 */
@RestController
@RequestMapping("/_sandbox/scenarios")
class ScenariosController {

	private final ScenarioBook book;

	ScenariosController(ScenarioBook book) {
		this.book = book;
	}

	@GetMapping
	ScenarioFile all() {
		return this.book.effective();
	}

	@PutMapping(path = "/{number}", consumes = MediaType.APPLICATION_JSON_VALUE)
	Scenario put(@PathVariable String number, @RequestBody String body) {
		Scenario scenario;
		try {
			scenario = StrictJson.readJson(body, Scenario.class);
		}
		catch (JacksonException ex) {
			throw ApiProblemException.badRequest("Not a valid scenario: " + ex.getOriginalMessage(), List.of());
		}
		try {
			this.book.put(number, scenario);
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblemException.badRequest(ex.getMessage(), List.of());
		}
		return scenario;
	}

	@DeleteMapping
	ResponseEntity<Void> reset() {
		this.book.reset();
		return ResponseEntity.noContent().build();
	}

}
