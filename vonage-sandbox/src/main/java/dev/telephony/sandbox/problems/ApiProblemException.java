package dev.telephony.sandbox.problems;

import java.util.List;

import org.springframework.http.HttpHeaders;
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

	private final HttpHeaders headers = new HttpHeaders();

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

	/**
	 * A request the Voice API or the sandbox's admin API cannot accept. Vonage's exact
	 * Voice 400 body is unconfirmed; this follows its generic problem shape.
	 * @param detail what is wrong
	 * @param parameters offending parameters, may be empty
	 * @return the exception
	 */
	public static ApiProblemException badRequest(String detail, List<InvalidParameter> parameters) {
		return new ApiProblemException(HttpStatus.BAD_REQUEST, new ApiProblem(ERRORS + "#bad-request", "Bad Request",
				detail, null, parameters.isEmpty() ? null : List.copyOf(parameters)));
	}

	public static ApiProblemException notFound(String detail) {
		return new ApiProblemException(HttpStatus.NOT_FOUND,
				new ApiProblem(ERRORS + "#not-found", "Not Found", detail, null, null));
	}

	public static ApiProblemException tooManyRequests() {
		return new ApiProblemException(HttpStatus.TOO_MANY_REQUESTS, new ApiProblem(ERRORS + "#throttled",
				"Too Many Requests", "You have exceeded the rate limit of this API; retry later.", null, null));
	}

	/**
	 * Adds a header to the error answer, such as {@code Retry-After}.
	 * @param name header name
	 * @param value header value
	 * @return this exception
	 */
	public ApiProblemException withHeader(String name, String value) {
		this.headers.add(name, value);
		return this;
	}

	/**
	 * Headers added with {@link #withHeader(String, String)}.
	 * @return the headers of the error answer
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	public HttpStatus status() {
		return this.status;
	}

	public ApiProblem problem() {
		return this.problem;
	}

}
