package dev.telephony.sandbox.problems;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures outside Spring MVC (the container, filters) reach the error path; they must
 * not fall back to Boot's whitelabel page or its own JSON shape.
 */
class ProblemErrorControllerTests {

	private final ProblemErrorController controller = new ProblemErrorController();

	@Test
	void containerErrorsBecomeProblems() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/error");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);

		ResponseEntity<ApiProblem> response = this.controller.error(request);

		assertThat(response.getStatusCode().value()).isEqualTo(500);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().title()).isEqualTo("Internal Server Error");
		assertThat(response.getBody().type())
			.isEqualTo("https://developer.vonage.com/api-errors#internal-server-error");
		assertThat(response.getBody().instance()).isNotBlank();
	}

	@Test
	void statusOfTheFailureIsKept() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 503);

		ResponseEntity<ApiProblem> response = this.controller.error(request);

		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getBody().title()).isEqualTo("Service Unavailable");
	}

}
