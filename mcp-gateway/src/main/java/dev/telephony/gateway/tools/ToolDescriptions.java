package dev.telephony.gateway.tools;

/**
 * What the model reads about each tool, in one place. Tool and parameter names are those
 * of the original Telephony MCP Server, so prompts written for it keep working.
 */
final class ToolDescriptions {

	static final String SEND_SMS = """
			Send an SMS text message to a phone number through Vonage. Returns once Vonage has \
			accepted the message (with its message_uuid); delivery to the handset is reported later. \
			Sending is not idempotent: calling twice sends two messages.""";

	static final String SMS_TO = """
			Recipient phone number in international format, such as +14155550123 \
			(the leading + may be omitted).""";

	static final String SMS_TEXT = "The message text. Long texts are split into several SMS by the network.";

	static final String SMS_FROM = """
			Optional sender: a Vonage number you own, or an alphanumeric sender id (up to 11 characters) \
			where the destination country allows it. Defaults to the configured Vonage number.""";

	private ToolDescriptions() {
	}

}
