package dev.telephony.sandbox.problems;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * Ends a request with a Vonage-shaped error answer. Thrown by the features, rendered by
 * {@link ApiProblemHandler}.
 */
public class ApiProblemException extends RuntimeException {

	static final String ERRORS = "https://developer.vonage.com/api-errors";

	// Vonage's Messages API still points its own error types at this path.
	static final String MESSAGES_ERRORS = ERRORS + "/messages-olympus";

	private final HttpStatus status;

	private final ApiProblem problem;

	public ApiProblemException(HttpStatus status, ApiProblem problem) {
		super(status.value() + " " + problem.title() + ": " + problem.detail());
		this.status = status;
		this.problem = problem;
	}

	public static ApiProblemException unauthorized() {
		return new ApiProblemException(HttpStatus.UNAUTHORIZED, new ApiProblem(ERRORS + "#unauthorized", "Unauthorized",
				"You did not provide correct credentials.", null, null));
	}

	public static ApiProblemException invalidParameters(List<InvalidParameter> parameters) {
		return new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, new ApiProblem(MESSAGES_ERRORS + "#1150",
				"Invalid params", "The value of one or more parameters is invalid.", null, List.copyOf(parameters)));
	}

	public static ApiProblemException unsupportedChannel(String channel) {
		return new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT,
				new ApiProblem(MESSAGES_ERRORS + "#1110", "Unsupported channel",
						"The channel '" + channel + "' is not supported by the sandbox yet; only 'sms' is.", null,
						List.of(new InvalidParameter("channel", "unsupported in the sandbox: " + channel))));
	}

	public HttpStatus status() {
		return this.status;
	}

	public ApiProblem problem() {
		return this.problem;
	}

}
