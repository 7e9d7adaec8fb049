package dev.telephony.sandbox.problems;

/**
 * One entry of {@code invalid_parameters} in a 422 answer.
 *
 * @param name the parameter as named in the request JSON (dotted for nested ones)
 * @param reason why it was rejected
 */
public record InvalidParameter(String name, String reason) {

}
