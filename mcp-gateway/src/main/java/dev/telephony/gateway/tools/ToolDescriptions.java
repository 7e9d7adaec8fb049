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

	static final String SMS_WITH_INPUT = """
			Send an SMS and wait for the recipient's reply, which is returned as text. If no reply comes \
			within the wait, the result says so (status pending) and the reply is still recorded: \
			check_call_status with the returned command_id shows it later. Fails if the SMS cannot be \
			delivered. Not idempotent: calling twice sends two messages.""";

	static final String VOICE_CALL = """
			Place a phone call that speaks a message with text-to-speech. By default returns as soon as \
			the call is placed (call_uuid, status); with wait_for_result=true it returns when the call \
			ends, saying whether it was answered, how long it lasted, or why it failed (busy, no answer, \
			rejected…). Not idempotent: calling twice rings twice.""";

	static final String VOICE_CALL_WITH_INPUT = """
			Place a phone call that speaks a prompt and then listens: returns what the callee said \
			(with a confidence between 0 and 1) or the keys they pressed, or why there is nothing \
			(busy, no answer, silence). Waits up to timeout_seconds (default and cap are configured); \
			if the call is still going, returns status pending and check_call_status continues the wait. \
			With keep_open=true the call is a conversation: it stays open after the answer, the line is \
			held and still listening while you think, and you go on with continue_call and finish with \
			end_call. Use keep_open for any errand that needs more than one question (bookings, \
			appointments). Not idempotent: calling twice rings twice.""";

	static final String CONTINUE_CALL = """
			Say the next line on a conversation call (one started by voice_call_with_input with \
			keep_open=true) and return what the callee answers, plus anything they said while you were \
			thinking. The callee can interrupt the line. Keep lines to one to three plain sentences. The \
			callee hears silence between your turns, so answer promptly; with listen=false the line is \
			only spoken (such as "One moment, let me check") and the result returns at once, while the \
			call keeps listening. If no turn comes for the configured idle limit (about two minutes), \
			the callee hears a goodbye and the call ends. Fails if the callee has hung up, saying so.""";

	static final String END_CALL = """
			End a conversation call politely: speaks the goodbye message, hangs up once it has been \
			said, and returns how long the call lasted and the whole transcript. Confirm with the callee \
			that everything is settled before you end the call.""";

	static final String CHECK_CALL_STATUS = """
			Show one call's full record: status history with times, what the callee said or pressed \
			(turn by turn for conversations, with who ended the call and why), duration, price and why \
			it ended. Also accepts the command_id of sms_with_input to show the \
			SMS's delivery and reply. Without an id, lists recent and active calls, newest first. With \
			wait_seconds, first waits until the call's status changes or the time passes.""";

	static final String HANGUP_CALL = """
			End a live call at once, without a goodbye, if this gateway placed it or saw it come in; any \
			other call_uuid is refused. A call that has already ended is left as it is. To end a \
			conversation politely, use end_call.""";

	static final String SMS_TO = """
			Recipient phone number in international format, such as +14155550123 \
			(the leading + may be omitted).""";

	static final String SMS_TEXT = "The message text. Long texts are split into several SMS by the network.";

	static final String SMS_FROM = """
			Optional sender: a Vonage number you own, or an alphanumeric sender id (up to 11 characters) \
			where the destination country allows it. Defaults to the configured Vonage number.""";

	static final String CALL_TO = "Number to call, in international format such as +14155550123.";

	static final String CALL_FROM = "Optional caller id: a Vonage number you own. Defaults to the configured number.";

	static final String CALL_MESSAGE = "What the call says, as text (up to 1500 characters).";

	static final String PROMPT_MESSAGE = "What the call says before it listens, such as a question.";

	static final String LANGUAGE = "Optional language of the voice and of speech recognition, such as en-GB or es-ES.";

	static final String WAIT_FOR_RESULT_CALL = "Wait until the call ends and report how it went (default false).";

	static final String WAIT_FOR_RESULT_INPUT = "Wait for the callee's answer (default true).";

	static final String WAIT_FOR_REPLY = "Wait for the reply (default true); false returns once the SMS is sent.";

	static final String INPUT_TYPE = "What to listen for: speech (default), dtmf (key presses) or both.";

	static final String TIMEOUT_SECONDS = "Optional: how long to wait, in seconds, up to the configured cap.";

	static final String CALL_UUID = "The call_uuid returned by voice_call or voice_call_with_input.";

	static final String CONVERSATION_UUID = "The call_uuid that voice_call_with_input returned with keep_open=true.";

	static final String NEXT_LINE = "What to say next, as text (up to 1500 characters).";

	static final String LISTEN = """
			Wait for the callee's answer (default true); false only speaks the line and returns once \
			it is on its way.""";

	static final String GOODBYE = "Optional goodbye to say before hanging up, such as \"Thanks, goodbye!\".";

	static final String KEEP_OPEN = """
			Keep the call open after the answer for a conversation with continue_call and end_call \
			(default false: the call ends after the answer).""";

	static final String ANSWERING_MACHINE = """
			What to do if an answering machine picks up: voicemail (leave the message, or the prompt, \
			after the beep), hangup, or ignore (default; no detection). Detection delays the message by a \
			few seconds; the result says whether a person or a machine answered.""";

	static final String CALL_UUID_OPTIONAL = "Optional call_uuid (or command_id); omit it to list recent calls.";

	static final String WAIT_SECONDS = "Optional: wait up to this many seconds for the status to change.";

	private ToolDescriptions() {
	}

}
