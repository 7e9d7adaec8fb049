package dev.telephony.gateway.tools;

/** The client cancelled the tool call; nobody is left to read its result. */
class ToolCancelledException extends RuntimeException {

	ToolCancelledException() {
		super("cancelled by the client");
	}

}
