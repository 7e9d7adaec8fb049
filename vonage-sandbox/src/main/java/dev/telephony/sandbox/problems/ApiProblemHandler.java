package dev.telephony.sandbox.problems;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure inside Spring MVC into a Vonage-shaped problem: the SDK parses only
 * JSON error bodies into its typed exceptions.
 */
@RestControllerAdvice
class ApiProblemHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiProblemHandler.class);

	@ExceptionHandler
	ResponseEntity<ApiProblem> problem(ApiProblemException ex, HttpServletRequest request) {
		return ProblemResponses.respond(ex.status(), ex.headers(), ex.problem(), request);
	}

	// Vonage answers a body it cannot parse with 422, not with Spring's default 400.
	@ExceptionHandler
	ResponseEntity<ApiProblem> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		ApiProblem problem = new ApiProblem(ApiProblemException.ERRORS + "#invalid-json", "Invalid JSON",
				"The request body is not valid JSON or does not have the expected structure.", null, null);
		return ProblemResponses.respond(HttpStatus.UNPROCESSABLE_CONTENT, HttpHeaders.EMPTY, problem, request);
	}

	@ExceptionHandler
	ResponseEntity<ApiProblem> other(Exception ex, HttpServletRequest request) {
		if (ex instanceof ErrorResponse standard) {
			HttpStatusCode status = standard.getStatusCode();
			// Spring's 404 detail names its static resource handling; say nothing about
			// it.
			String detail = (ex instanceof NoResourceFoundException) ? "The requested resource does not exist."
					: standard.getBody().getDetail();
			return ProblemResponses.respond(status, standard.getHeaders(), ProblemResponses.generic(status, detail),
					request);
		}
		logger.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), ex);
		return ProblemResponses.respond(HttpStatus.INTERNAL_SERVER_ERROR, HttpHeaders.EMPTY,
				ProblemResponses.generic(HttpStatus.INTERNAL_SERVER_ERROR, null), request);
	}

}
