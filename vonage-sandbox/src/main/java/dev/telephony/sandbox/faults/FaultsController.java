package dev.telephony.sandbox.faults;

import java.util.List;

import dev.telephony.sandbox.problems.ApiProblemException;
import dev.telephony.sandbox.json.StrictJson;
import tools.jackson.core.JacksonException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets tests switch faults on and off at run time. Not part of the Vonage API.
 */
@RestController
@RequestMapping("/_sandbox/faults")
class FaultsController {

	private final Faults faults;

	FaultsController(Faults faults) {
		this.faults = faults;
	}

	@GetMapping
	FaultSettings get() {
		return FaultSettings.of(this.faults.current());
	}

	@PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	FaultSettings put(@RequestBody String body) {
		FaultSettings settings;
		try {
			settings = StrictJson.readJson(body, FaultSettings.class);
		}
		catch (JacksonException ex) {
			throw ApiProblemException.badRequest("Not valid fault settings: " + ex.getOriginalMessage(), List.of());
		}
		this.faults.set(settings.toFaults());
		return get();
	}

	@DeleteMapping
	ResponseEntity<Void> reset() {
		this.faults.reset();
		return ResponseEntity.noContent().build();
	}

}
