package dev.telephony.dispatcher.vonage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.vonage.client.voice.AdvancedMachineDetection;
import com.vonage.client.voice.Call;
import com.vonage.client.voice.CallEvent;
import com.vonage.client.voice.MachineDetection;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.TextToSpeechLanguage;
import com.vonage.client.voice.VoiceClient;
import com.vonage.client.voice.ncco.Action;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.EventMethod;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Language;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.SpeechSettings;
import com.vonage.client.voice.ncco.TalkAction;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.ContinueCall;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.HangupCall;
import dev.telephony.schemas.PlaceCall;

import org.springframework.stereotype.Component;

/** Places and ends calls through the Voice API. */
@Component
public class VonageVoice {

	/** Operation tags of the provider request metrics. */
	static final String CREATE_CALL = "create_call";

	static final String HANGUP_CALL = "hangup_call";

	static final String TRANSFER_CALL = "transfer_call";

	// Vonage's shortest wait for a beep; a machine without one is told so sooner.
	private static final int BEEP_TIMEOUT_SECONDS = 45;

	private final VoiceClient voice;

	private final WebhookUrls webhookUrls;

	private final ProviderRequests requests;

	VonageVoice(VoiceClient voice, WebhookUrls webhookUrls, ProviderRequests requests) {
		this.voice = voice;
		this.webhookUrls = webhookUrls;
		this.requests = requests;
	}

	/**
	 * Place the call once and describe what happened; never throws for provider errors.
	 */
	public ProviderOutcome place(PlaceCall command) {
		return this.requests.timed(CREATE_CALL, command, this::create);
	}

	/**
	 * End the call once; a call that already ended is reported as Vonage reports it. A
	 * goodbye is a transfer to a script that only speaks it, so Vonage ends the call once
	 * it has been said.
	 */
	public ProviderOutcome hangup(HangupCall command) {
		if (command.goodbye() != null) {
			return this.requests.timed(TRANSFER_CALL, command, (hangup) -> transfer(hangup, hangup.callUuid(),
					List.of(talk(hangup.goodbye(), hangup.language(), null, false))));
		}
		return this.requests.timed(HANGUP_CALL, command, this::terminate);
	}

	/**
	 * The next turn: replace the running script (the hold) with the line, which the
	 * callee may interrupt, and an input whose webhooks carry this command's id.
	 */
	public ProviderOutcome continueCall(ContinueCall command) {
		return this.requests.timed(TRANSFER_CALL, command,
				(turn) -> transfer(turn, turn.callUuid(),
						List.of(talk(turn.text(), turn.language(), null, true),
								input(turn.input(), turn.language(), this.webhookUrls.conversationInput(turn,
										turn.conversation(), speechLanguageCode(turn.input(), turn.language()))))));
	}

	private ProviderOutcome create(PlaceCall command) {
		Instant now = Instant.now();
		try {
			Call.Builder call = Call.builder()
				.to(new PhoneEndpoint(command.to()))
				.from(command.from())
				.ncco(ncco(command))
				.eventUrl(this.webhookUrls.voiceEvent(command))
				.eventMethod(EventMethod.POST);
			if (command.ringingTimerSeconds() != null) {
				call.ringingTimer(command.ringingTimerSeconds());
			}
			if (command.lengthTimerSeconds() != null) {
				call.lengthTimer(command.lengthTimerSeconds());
			}
			if (command.answeringMachine() != null) {
				call.advancedMachineDetection(machineDetection(command.answeringMachine()));
			}
			CallEvent created = this.voice.createCall(call.build());
			return new ProviderOutcome("success", new CommandAccepted(ProviderFailures.eventId(command),
					command.commandId(), now, now, created.getUuid(), created.getConversationUuid(), null));
		}
		catch (RuntimeException ex) {
			return ProviderFailures.of(command, ex, now, "call");
		}
	}

	private ProviderOutcome terminate(HangupCall command) {
		Instant now = Instant.now();
		try {
			this.voice.terminateCall(command.callUuid());
			return new ProviderOutcome("success", new CommandAccepted(ProviderFailures.eventId(command),
					command.commandId(), now, now, command.callUuid(), null, null));
		}
		catch (RuntimeException ex) {
			return ProviderFailures.of(command, ex, now, "hang-up");
		}
	}

	private ProviderOutcome transfer(Command command, String callUuid, List<Action> script) {
		Instant now = Instant.now();
		try {
			this.voice.transferCall(callUuid, new Ncco(script));
			return new ProviderOutcome("success", new CommandAccepted(ProviderFailures.eventId(command),
					command.commandId(), now, now, callUuid, null, null));
		}
		catch (RuntimeException ex) {
			return ProviderFailures.of(command, ex, now, "call update");
		}
	}

	private List<Action> ncco(PlaceCall command) {
		List<Action> actions = new ArrayList<>();
		// In a conversation the callee may answer before the question ends.
		actions.add(talk(command.text(), command.language(), command.style(), command.conversation() != null));
		if (command.input() != null) {
			String eventUrl = (command.conversation() != null)
					? this.webhookUrls.conversationInput(command, command.conversation(),
							speechLanguageCode(command.input(), command.language()))
					: this.webhookUrls.voiceEvent(command);
			actions.add(input(command.input(), command.language(), eventUrl));
		}
		return actions;
	}

	private static Action talk(String text, String language, Integer style, boolean bargeIn) {
		TalkAction.Builder talk = TalkAction.builder(text);
		if (language != null) {
			talk.language(ttsLanguage(language));
		}
		if (style != null) {
			talk.style(style);
		}
		if (bargeIn) {
			talk.bargeIn(true);
		}
		return talk.build();
	}

	private static AdvancedMachineDetection machineDetection(String answeringMachine) {
		// Synchronous detection: the script starts after the beep, so its talk is the
		// voicemail; on a person it starts once detection is done.
		return switch (answeringMachine) {
			case PlaceCall.MACHINE_VOICEMAIL -> AdvancedMachineDetection.builder()
				.behavior(MachineDetection.CONTINUE)
				.mode(AdvancedMachineDetection.Mode.DETECT_BEEP)
				.beepTimeout(BEEP_TIMEOUT_SECONDS)
				.build();
			default -> AdvancedMachineDetection.builder()
				.behavior(MachineDetection.HANGUP)
				.mode(AdvancedMachineDetection.Mode.DETECT)
				.build();
		};
	}

	private static String speechLanguageCode(PlaceCall.Input input, String language) {
		return (input.speechLanguage() != null) ? input.speechLanguage() : language;
	}

	private static Action input(PlaceCall.Input input, String language, String eventUrl) {
		InputAction.Builder action = InputAction.builder().eventUrl(eventUrl).eventMethod(EventMethod.POST);
		if (Boolean.TRUE.equals(input.speech())) {
			SpeechSettings.Builder speech = SpeechSettings.builder();
			String code = speechLanguageCode(input, language);
			if (code != null) {
				speech.language(speechLanguage(code));
			}
			if (input.speechContext() != null && !input.speechContext().isEmpty()) {
				speech.context(input.speechContext());
			}
			if (input.endOnSilenceSeconds() != null) {
				speech.endOnSilence(input.endOnSilenceSeconds());
			}
			if (input.startTimeoutSeconds() != null) {
				speech.startTimeout(input.startTimeoutSeconds());
			}
			if (input.maxDurationSeconds() != null) {
				speech.maxDuration(input.maxDurationSeconds());
			}
			action.speech(speech.build());
		}
		if (Boolean.TRUE.equals(input.dtmf())) {
			DtmfSettings.Builder dtmf = DtmfSettings.builder();
			if (input.maxDigits() != null) {
				dtmf.maxDigits(input.maxDigits());
			}
			if (input.dtmfTimeoutSeconds() != null) {
				dtmf.timeOut(input.dtmfTimeoutSeconds());
			}
			if (input.submitOnHash() != null) {
				dtmf.submitOnHash(input.submitOnHash());
			}
			action.dtmf(dtmf.build());
		}
		return action.build();
	}

	private static TextToSpeechLanguage ttsLanguage(String code) {
		return Arrays.stream(TextToSpeechLanguage.values())
			.filter((language) -> code.equalsIgnoreCase(language.getLanguage()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Vonage has no text-to-speech voice for '" + code + "'"));
	}

	private static Language speechLanguage(String code) {
		return Arrays.stream(Language.values())
			.filter((language) -> code.equalsIgnoreCase(language.getLanguage()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Vonage cannot recognise speech in '" + code + "'"));
	}

}
