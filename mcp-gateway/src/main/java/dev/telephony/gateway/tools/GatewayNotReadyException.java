package dev.telephony.gateway.tools;

/** The gateway cannot see outcomes yet, so it takes no work. */
class GatewayNotReadyException extends RuntimeException {

	GatewayNotReadyException() {
		super("the gateway is not connected to Kafka yet");
	}

}
