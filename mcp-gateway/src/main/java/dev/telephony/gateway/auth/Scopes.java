package dev.telephony.gateway.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth scopes of this gateway and the tools each one opens. A client granted none of
 * a tool's scope is refused that tool with a step-up challenge naming it.
 */
public final class Scopes {

	public static final String SMS_SEND = "sms:send";

	public static final String CALLS_PLACE = "calls:place";

	public static final String STATUS_READ = "status:read";

	/** Every scope, in the order a consent page or a challenge lists them. */
	public static final List<String> ALL = List.of(SMS_SEND, CALLS_PLACE, STATUS_READ);

	private static final Map<String, String> BY_TOOL = Map.of("send_sms", SMS_SEND, "sms_with_input", SMS_SEND,
			"voice_call", CALLS_PLACE, "voice_call_with_input", CALLS_PLACE, "continue_call", CALLS_PLACE, "end_call",
			CALLS_PLACE, "hangup_call", CALLS_PLACE, "check_call_status", STATUS_READ);

	private Scopes() {
	}

	/**
	 * The scope a tool needs. A tool not listed needs {@link #CALLS_PLACE}, the widest: a
	 * new tool is closed until someone decides otherwise.
	 */
	public static String forTool(String tool) {
		return Optional.ofNullable(BY_TOOL.get(tool)).orElse(CALLS_PLACE);
	}

	/** Whether {@code tool} has a scope of its own, rather than the closed default. */
	public static boolean covers(String tool) {
		return BY_TOOL.containsKey(tool);
	}

	/** The authority Spring Security gives a granted scope. */
	static String authority(String scope) {
		return "SCOPE_" + scope;
	}

}
