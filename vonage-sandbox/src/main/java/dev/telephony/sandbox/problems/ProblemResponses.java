package dev.telephony.sandbox.problems;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Builds the problem answers shared by {@link ApiProblemHandler} and
 * {@link ProblemErrorController}.
 */
final class ProblemResponses {

	private ProblemResponses() {
	}

	static ApiProblem generic(HttpStatusCode status, @Nullable String detail) {
		HttpStatus known = HttpStatus.resolve(status.value());
		String title = (known != null) ? known.getReasonPhrase() : "HTTP " + status.value();
		String anchor = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
		String text = (detail != null) ? detail
				: (status.is5xxServerError() ? "The sandbox failed to process the request." : title + ".");
		return new ApiProblem(ApiProblemException.ERRORS + "#" + anchor, title, text, null, null);
	}

	// An explicit content type makes Spring skip Accept negotiation, so even a client
	// asking only for application/json gets the problem body instead of a 406.
	static ResponseEntity<ApiProblem> respond(HttpStatusCode status, HttpHeaders headers, ApiProblem problem,
			HttpServletRequest request) {
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem.withInstance(RequestIdFilter.idOf(request)));
	}

}
