package dev.telephony.gateway.tools;

/**
 * A tool argument that cannot be used; the message is written for the model and its user.
 */
class InvalidToolInputException extends RuntimeException {

	InvalidToolInputException(String message) {
		super(message);
	}

}
