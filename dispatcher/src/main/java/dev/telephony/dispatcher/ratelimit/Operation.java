package dev.telephony.dispatcher.ratelimit;

import java.util.Arrays;
import java.util.Optional;

import dev.telephony.schemas.Command;
import dev.telephony.schemas.ContinueCall;
import dev.telephony.schemas.HangupCall;
import dev.telephony.schemas.PlaceCall;
import dev.telephony.schemas.SendSms;

/** Provider operations with a limit of their own. */
public enum Operation {

	CREATE_CALL, SEND_MESSAGE, MODIFY_CALL;

	public static Operation of(Command command) {
		return switch (command) {
			case PlaceCall ignored -> CREATE_CALL;
			case SendSms ignored -> SEND_MESSAGE;
			case HangupCall ignored -> MODIFY_CALL;
			case ContinueCall ignored -> MODIFY_CALL;
		};
	}

	/** The name in metric tags and on the rate-slots topic. */
	public String tag() {
		return name().toLowerCase();
	}

	static Optional<Operation> ofTag(String tag) {
		return Arrays.stream(values()).filter((operation) -> operation.tag().equals(tag)).findFirst();
	}

}
