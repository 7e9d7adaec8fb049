package dev.telephony.sandbox.problems;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 7807 error body in the shape Vonage sends ({@code application/problem+json}).
 * Not Spring's {@code ProblemDetail}: Vonage's bodies carry no {@code status} field and
 * use a trace id as {@code instance}.
 *
 * @param type documentation URL of the error
 * @param title short summary
 * @param detail explanation for this occurrence
 * @param instance trace id of the request (also sent as {@code X-Request-Id})
 * @param invalidParameters offending parameters, for validation errors only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiProblem(String type, String title, String detail, @Nullable String instance,
		@JsonProperty("invalid_parameters") @Nullable List<InvalidParameter> invalidParameters) {

	ApiProblem withInstance(String instance) {
		return new ApiProblem(this.type, this.title, this.detail, instance, this.invalidParameters);
	}

}
