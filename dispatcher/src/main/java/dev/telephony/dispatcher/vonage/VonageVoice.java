package dev.telephony.dispatcher.vonage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.vonage.client.voice.Call;
import com.vonage.client.voice.CallEvent;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.TextToSpeechLanguage;
import com.vonage.client.voice.VoiceClient;
import com.vonage.client.voice.ncco.Action;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.EventMethod;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Language;
import com.vonage.client.voice.ncco.SpeechSettings;
import com.vonage.client.voice.ncco.TalkAction;
import dev.telephony.schemas.CommandAccepted;
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

	private final VoiceClient voice;

	private final WebhookUrls webhookUrls;

	private final ProviderRequests requests;

	private final SerialSigning signing;

	VonageVoice(VoiceClient voice, WebhookUrls webhookUrls, ProviderRequests requests, SerialSigning signing) {
		this.voice = voice;
		this.webhookUrls = webhookUrls;
		this.requests = requests;
		this.signing = signing;
	}

	/**
	 * Place the call once and describe what happened; never throws for provider errors.
	 */
	public ProviderOutcome place(PlaceCall command) {
		return this.requests.timed(CREATE_CALL, command, this::create);
	}

	/** End the call once; a call that already ended is reported as Vonage reports it. */
	public ProviderOutcome hangup(HangupCall command) {
		return this.requests.timed(HANGUP_CALL, command, this::terminate);
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
			CallEvent created = this.signing.call(() -> this.voice.createCall(call.build()));
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
			this.signing.call(() -> {
				this.voice.terminateCall(command.callUuid());
				return null;
			});
			return new ProviderOutcome("success", new CommandAccepted(ProviderFailures.eventId(command),
					command.commandId(), now, now, command.callUuid(), null, null));
		}
		catch (RuntimeException ex) {
			return ProviderFailures.of(command, ex, now, "hang-up");
		}
	}

	private List<Action> ncco(PlaceCall command) {
		TalkAction.Builder talk = TalkAction.builder(command.text());
		if (command.language() != null) {
			talk.language(ttsLanguage(command.language()));
		}
		if (command.style() != null) {
			talk.style(command.style());
		}
		List<Action> actions = new ArrayList<>();
		actions.add(talk.build());
		if (command.input() != null) {
			actions.add(input(command, command.input()));
		}
		return actions;
	}

	private Action input(PlaceCall command, PlaceCall.Input input) {
		InputAction.Builder action = InputAction.builder()
			.eventUrl(this.webhookUrls.voiceEvent(command))
			.eventMethod(EventMethod.POST);
		if (Boolean.TRUE.equals(input.speech())) {
			SpeechSettings.Builder speech = SpeechSettings.builder();
			String language = (input.speechLanguage() != null) ? input.speechLanguage() : command.language();
			if (language != null) {
				speech.language(speechLanguage(language));
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
