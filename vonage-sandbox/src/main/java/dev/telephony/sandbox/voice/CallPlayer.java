package dev.telephony.sandbox.voice;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.telephony.sandbox.journal.Journal;
import dev.telephony.sandbox.journal.JournalEntry;
import dev.telephony.sandbox.problems.InvalidParameter;
import dev.telephony.sandbox.scenarios.Scenario;
import dev.telephony.sandbox.scenarios.ScenarioBook;
import dev.telephony.sandbox.scenarios.ScenarioProperties;
import dev.telephony.sandbox.webhooks.Delivery;
import dev.telephony.sandbox.webhooks.Webhook;
import dev.telephony.sandbox.webhooks.WebhookSender;
import dev.telephony.sandbox.webhooks.WebhookStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Plays a call as its callee's scenario says, one virtual thread per call: the status
 * lifecycle, then, once answered, the NCCO. Every scripted pause is scaled by
 * {@code sandbox.time-scale} and ends early when the API hangs up or transfers.
 * <p>
 * A callee with {@code turns} holds a conversation: an {@code input} that follows a
 * {@code talk} in the running NCCO (the callee was just spoken to) is listening and
 * consumes the next turn; any other {@code input} is a hold round (the app keeps the line
 * open while it thinks), in which the callee says the last turn's {@code during_hold}
 * once and is otherwise silent. Turns used up, listening inputs are silent too. An input
 * cut off by a transfer or hangup uses up nothing: its turn or {@code during_hold} goes
 * to the next input of its kind.
 * <p>
 * A callee with a {@code machine} is an answering machine: it never answers an input, and
 * every talk that starts after its beep is journaled as a voicemail. Machine detection
 * reports {@code human} or {@code machine} before the NCCO ({@code detect_beep} also the
 * beep, or its time-out) or, in {@code default} mode, while it plays.
 */
@Component
class CallPlayer implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(CallPlayer.class);

	// Ringing starts this long after the call is placed, or at the outcome if sooner.
	private static final long RINGING_AFTER_MS = 500;

	// Roughly the pace of Vonage's text-to-speech voices.
	private static final long TALK_MS_PER_CHAR = 65;

	private static final long MIN_TALK_MS = 300;

	// How long asynchronous (default mode) machine detection listens before it reports.
	// Unconfirmed for Vonage.
	private static final long ASYNC_DETECTION_MS = 1500;

	// Long enough to count as "until something else ends the call": the length timer
	// (at most a day) strikes first.
	private static final long HOLD_MS = Duration.ofDays(1).toMillis();

	private final WebhookSender sender;

	private final ScenarioBook scenarios;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final ScenarioProperties properties;

	private final Journal journal;

	private final ExecutorService executor = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("call-", 0).factory());

	CallPlayer(WebhookSender sender, ScenarioBook scenarios, JsonMapper jsonMapper, Clock clock,
			ScenarioProperties properties, Journal journal) {
		this.sender = sender;
		this.scenarios = scenarios;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.properties = properties;
		this.journal = journal;
	}

	void start(Call call) {
		Scenario.Voice callee = this.scenarios.voice(call.spec().to());
		this.executor.execute(() -> {
			try (WebhookStream stream = this.sender.stream()) {
				new Playback(call, callee, stream).play();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				logger.error("Playback of call {} failed", call.uuid(), ex);
			}
		});
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	/** The playback of one call. */
	private final class Playback {

		private final Call call;

		private final Scenario.Voice callee;

		private final WebhookStream stream;

		private @Nullable Instant deadline;

		// Index of the turn the next listening input consumes.
		private int nextTurn;

		// The turn answered last, whose during_hold the next hold round may carry.
		private Scenario.@Nullable Turn lastTurn;

		private boolean holdSpoken;

		// Whether a talk ran in the running NCCO since its last input.
		private boolean spokenTo;

		// Only a hangup turn is the callee's doing; other endings are the platform's.
		private String disconnectedBy = "platform";

		// System.nanoTime of an answering machine's beep: talk from then on is recorded.
		private long beepAt;

		// System.nanoTime at which an asynchronous detection result is reported.
		private @Nullable Long detectionDue;

		Playback(Call call, Scenario.Voice callee, WebhookStream stream) {
			this.call = call;
			this.callee = callee;
			this.stream = stream;
		}

		void play() throws InterruptedException {
			status(VoiceEvents.status(this.call, "started", now()), "started");
			Scenario.VoiceOutcome outcome = this.callee.outcome();
			long after = this.callee.afterMs();
			boolean rings = outcome == Scenario.VoiceOutcome.ANSWER || outcome == Scenario.VoiceOutcome.BUSY
					|| outcome == Scenario.VoiceOutcome.UNANSWERED;
			long elapsed = 0;
			if (rings) {
				elapsed = Math.min(after, RINGING_AFTER_MS);
				if (pause(elapsed) == Call.Wake.HANGUP) {
					cancelled();
					return;
				}
				status(VoiceEvents.status(this.call, "ringing", now()), "ringing");
			}
			long ringingTimerMs = this.call.spec().ringingTimer() * 1000L;
			boolean ringsOut = (outcome == Scenario.VoiceOutcome.ANSWER || outcome == Scenario.VoiceOutcome.UNANSWERED)
					&& ringingTimerMs < after;
			if (pause((ringsOut ? ringingTimerMs : after) - elapsed) == Call.Wake.HANGUP) {
				cancelled();
				return;
			}
			if (ringsOut) {
				status(VoiceEvents.status(this.call, "timeout", now()), "timeout");
				return;
			}
			switch (outcome) {
				case ANSWER -> answered();
				case BUSY ->
					status(VoiceEvents.failure(this.call, "busy", null, this.callee.effectiveSipCode(), now()), "busy");
				default -> {
					String status = outcome.name().toLowerCase(Locale.ROOT);
					status(VoiceEvents.failure(this.call, status, this.callee.effectiveDetail(),
							this.callee.effectiveSipCode(), now()), status);
				}
			}
		}

		private void answered() throws InterruptedException {
			Instant start = now();
			this.deadline = start.plus(scaled(this.call.spec().lengthTimer() * 1000L));
			this.call.answered(start);
			sendStatus(VoiceEvents.answered(this.call, start), "answered");
			Scenario.Machine machine = this.callee.machine();
			if (machine != null) {
				this.beepAt = System.nanoTime() + scaled(machine.beepAfterMs()).toNanos();
			}
			Deque<JsonNode> actions = new ArrayDeque<>();
			// Synchronous detection runs before the NCCO: the callee hears silence.
			Call.Wake detected = detectMachine();
			if (detected == Call.Wake.ELAPSED) {
				ArrayNode ncco = (this.call.spec().ncco() != null) ? this.call.spec().ncco()
						: fetchNcco(this.call.spec().answerUrl(), this.call.spec().answerMethod(), "answer");
				replace(actions, ncco);
			}
			else {
				// A transfer while waiting for the beep replaces the NCCO; a hangup or
				// the length timer leaves nothing to play.
				carryOn(new Step(detected, null), actions);
			}
			while (!actions.isEmpty()) {
				if (!carryOn(execute(actions.pollFirst()), actions)) {
					break;
				}
			}
			Instant end = now();
			int duration = (int) Math.max(1, (Duration.between(start, end).toMillis() + 999) / 1000);
			this.call.completed(end, duration, VoiceEvents.price(duration));
			sendStatus(VoiceEvents.completed(this.call, start, end, duration, this.disconnectedBy), "completed");
		}

		// Applies how a step ended to the actions left; false when the call is over.
		private boolean carryOn(Step step, Deque<JsonNode> actions) throws InterruptedException {
			if (step.wake() == Call.Wake.TRANSFER) {
				Call.Transfer transfer = this.call.takeTransfer();
				if (transfer != null) {
					replace(actions,
							(transfer.ncco() != null) ? transfer.ncco() : fetchNcco(transfer.url(), "GET", "transfer"));
				}
				return true;
			}
			if (step.wake() == Call.Wake.HANGUP || step.wake() == Call.Wake.LENGTH_TIMER) {
				return false;
			}
			if (step.replacement() != null) {
				replace(actions, step.replacement());
			}
			return true;
		}

		/**
		 * Runs the synchronous part of machine detection: the result at once
		 * ({@code detect}, and standard detection), then for a machine in
		 * {@code detect_beep} mode the beep (or its time-out). In {@code default} mode
		 * the result is only scheduled, to come while the NCCO plays.
		 * @return {@link Call.Wake#ELAPSED} to go on with the NCCO, else why not
		 */
		private Call.Wake detectMachine() throws InterruptedException {
			CallSpec.MachineDetection detection = this.call.spec().detection();
			if (detection == null) {
				return Call.Wake.ELAPSED;
			}
			if ("default".equals(detection.mode())) {
				this.detectionDue = System.nanoTime() + scaled(ASYNC_DETECTION_MS).toNanos();
				return Call.Wake.ELAPSED;
			}
			if (detected(detection)) {
				return Call.Wake.HANGUP;
			}
			Scenario.Machine machine = this.callee.machine();
			if (machine == null || !"detect_beep".equals(detection.mode())) {
				return Call.Wake.ELAPSED;
			}
			long beepTimeoutMs = detection.beepTimeout() * 1000L;
			boolean beeps = machine.beepAfterMs() <= beepTimeoutMs;
			Call.Wake wake = pause(beeps ? machine.beepAfterMs() : beepTimeoutMs);
			if (wake == Call.Wake.ELAPSED) {
				sendStatus(VoiceEvents.machineDetection(this.call, "machine", beeps ? "beep_start" : "beep_timeout",
						now()), "machine");
			}
			return wake;
		}

		// Reports human or machine; true when the call is to hang up on a machine.
		private boolean detected(CallSpec.MachineDetection detection) throws InterruptedException {
			String status = (this.callee.machine() != null) ? "machine" : "human";
			sendStatus(VoiceEvents.machineDetection(this.call, status, null, now()), status);
			return this.callee.machine() != null && detection.hangsUp();
		}

		private Step execute(JsonNode action) throws InterruptedException {
			return switch (action.path("action").asString("")) {
				case "talk" -> new Step(talk(action), null);
				case "input" -> input(action);
				case "notify" -> notify(action);
				case "stream" -> new Step(stream(action), null);
				// A lone caller in a conversation hears its music on hold until
				// transferred.
				case "conversation" -> new Step(pause(HOLD_MS), null);
				// record runs in the background; connect is not simulated.
				default -> new Step(Call.Wake.ELAPSED, null);
			};
		}

		private Call.Wake talk(JsonNode action) throws InterruptedException {
			String text = action.path("text").asString("").replaceAll("<[^>]*>", "");
			long once = Math.max(MIN_TALK_MS, text.length() * TALK_MS_PER_CHAR);
			int loop = action.path("loop").asInt(1);
			this.spokenTo = true;
			Instant started = now();
			if (this.callee.machine() != null && System.nanoTime() - this.beepAt >= 0) {
				CallPlayer.this.journal
					.record(JournalEntry.voicemail(started, this.call.uuid(), this.call.spec().to(), text));
			}
			boolean bargedIn = action.path("bargeIn").asBoolean(false) && nextTurnBargesIn();
			// The callee starts speaking about a third of the way in, which stops the
			// talk; loop 0 repeats until something else ends the call.
			Call.Wake wake = bargedIn ? pause(((loop <= 0) ? once : once * loop) / 3)
					: pause((loop <= 0) ? HOLD_MS : once * loop);
			String how = (wake != Call.Wake.ELAPSED) ? "cut_off" : bargedIn ? "barged_in" : "played";
			CallPlayer.this.journal
				.record(JournalEntry.talk(started, this.call.uuid(), this.call.spec().to(), text, how));
			return wake;
		}

		private Call.Wake stream(JsonNode action) throws InterruptedException {
			int loop = action.path("loop").asInt(1);
			return pause((loop <= 0) ? HOLD_MS : 3000L * loop);
		}

		private boolean nextTurnBargesIn() {
			List<Scenario.Turn> turns = this.callee.turns();
			return this.callee.machine() == null && turns != null && this.nextTurn < turns.size()
					&& turns.get(this.nextTurn).bargesIn();
		}

		// What the callee does in this input; consumes a turn if the callee was just
		// spoken to.
		private Answer answer(boolean listening) {
			List<Scenario.Turn> turns = this.callee.turns();
			if (this.callee.machine() != null) {
				return Answer.SILENCE;
			}
			if (turns == null) {
				return new Answer(this.callee.say(), this.callee.effectiveConfidence(), this.callee.digits(), false);
			}
			if (listening) {
				if (this.nextTurn >= turns.size()) {
					return Answer.SILENCE;
				}
				Scenario.Turn turn = turns.get(this.nextTurn++);
				this.lastTurn = turn;
				this.holdSpoken = false;
				return new Answer(turn.say(), turn.effectiveConfidence(), turn.digits(), turn.hangsUp());
			}
			Scenario.Turn last = this.lastTurn;
			if (last != null && last.duringHold() != null && !this.holdSpoken) {
				// Said once, whether or not this hold round listens for speech.
				this.holdSpoken = true;
				return new Answer(last.duringHold(), last.effectiveConfidence(), null, false);
			}
			return Answer.SILENCE;
		}

		private Step input(JsonNode action) throws InterruptedException {
			int turnBefore = this.nextTurn;
			Scenario.Turn lastBefore = this.lastTurn;
			boolean holdSpokenBefore = this.holdSpoken;
			Answer answer = answer(this.spokenTo);
			this.spokenTo = false;
			if (answer.hangup()) {
				this.disconnectedBy = "user";
				return new Step(Call.Wake.HANGUP, null);
			}
			List<String> types = new ArrayList<>();
			action.path("type").forEach((type) -> types.add(type.asString("")));
			boolean speechWanted = types.contains("speech");
			boolean dtmfWanted = types.contains("dtmf");
			JsonNode speech = action.path("speech");
			JsonNode dtmf = action.path("dtmf");
			List<Long> answeredAfter = new ArrayList<>();
			List<Long> timedOutAfter = new ArrayList<>();
			VoiceEvents.SpeechResult result = null;
			String timeoutReason = null;
			if (speechWanted) {
				if (answer.say() != null) {
					result = new VoiceEvents.SpeechResult(answer.say(), answer.confidence());
					timeoutReason = "end_on_silence_timeout";
					answeredAfter.add(
							500 + answer.say().length() * TALK_MS_PER_CHAR + seconds(speech.path("endOnSilence"), 2.0));
				}
				else {
					timeoutReason = "start_timeout";
					timedOutAfter.add(seconds(speech.path("startTimeout"), 10));
				}
			}
			String digits = null;
			boolean dtmfTimedOut = false;
			if (dtmfWanted) {
				long timeOut = seconds(dtmf.path("timeOut"), 3);
				if (answer.digits() != null) {
					int maxDigits = dtmf.path("maxDigits").asInt(4);
					boolean submitOnHash = dtmf.path("submitOnHash").asBoolean(false);
					String pressed = answer.digits();
					int hash = pressed.indexOf('#');
					boolean complete = false;
					if (submitOnHash && hash >= 0) {
						pressed = pressed.substring(0, hash);
						complete = true;
					}
					if (pressed.length() >= maxDigits) {
						pressed = pressed.substring(0, maxDigits);
						complete = true;
					}
					digits = pressed;
					long typed = 800 + 200L * Math.max(0, answer.digits().length() - 1);
					if (complete) {
						answeredAfter.add(typed);
					}
					else {
						// Vonage waits timeOut after the last digit and reports a
						// time-out.
						dtmfTimedOut = true;
						answeredAfter.add(typed + timeOut);
					}
				}
				else {
					dtmfTimedOut = true;
					timedOutAfter.add(timeOut);
				}
			}
			long duration = answeredAfter.isEmpty() ? timedOutAfter.stream().mapToLong(Long::longValue).max().orElse(0)
					: answeredAfter.stream().mapToLong(Long::longValue).min().orElseThrow();
			Call.Wake wake = pause(duration);
			if (wake != Call.Wake.ELAPSED) {
				// Cut off, the answer reached no one: the next input gets it instead.
				this.nextTurn = turnBefore;
				this.lastTurn = lastBefore;
				this.holdSpoken = holdSpokenBefore;
				return new Step(wake, null);
			}
			Map<String, Object> event = VoiceEvents.input(this.call, now(), digits, dtmfTimedOut, result,
					timeoutReason);
			return new Step(Call.Wake.ELAPSED, callback(action, event, "input"));
		}

		private Step notify(JsonNode action) throws InterruptedException {
			Object payload = CallPlayer.this.jsonMapper.treeToValue(action.path("payload"), Object.class);
			return new Step(Call.Wake.ELAPSED, callback(action, payload, "notify"));
		}

		// Sends an event whose answer may be a new NCCO replacing the rest of this one.
		private @Nullable ArrayNode callback(JsonNode action, Object payload, String label)
				throws InterruptedException {
			URI url = action.has("eventUrl") ? URI.create(action.get("eventUrl").get(0).asString())
					: this.call.spec().eventUrl();
			if (url == null) {
				CallPlayer.this.sender.skipped(subject(), label, "no eventUrl on the action and no event_url");
				return null;
			}
			String method = action.path("eventMethod").asString("POST");
			Delivery delivery = this.stream.exchange(new Webhook(url, "GET".equalsIgnoreCase(method) ? "GET" : "POST",
					payload, this.call.applicationId(), subject(), label));
			return delivery.successful() ? nccoFrom(delivery.body()) : null;
		}

		private @Nullable ArrayNode fetchNcco(@Nullable URI url, String method, String label)
				throws InterruptedException {
			if (url == null) {
				return null;
			}
			Delivery delivery = this.stream.exchange(new Webhook(url, method, VoiceEvents.answerRequest(this.call),
					this.call.applicationId(), subject(), label));
			return delivery.successful() ? nccoFrom(delivery.body()) : null;
		}

		// Anything but a valid, non-empty NCCO means: carry on with the current one.
		private @Nullable ArrayNode nccoFrom(byte[] body) {
			if (body.length == 0) {
				return null;
			}
			try {
				JsonNode node = CallPlayer.this.jsonMapper.readTree(body);
				List<InvalidParameter> invalid = new ArrayList<>();
				if (node.isArray() && !node.isEmpty()) {
					ArrayNode ncco = CallRequestValidator.ncco(node, "ncco", invalid);
					if (invalid.isEmpty()) {
						return ncco;
					}
					logger.info("Ignoring invalid NCCO answered for call {}: {}", this.call.uuid(), invalid);
				}
			}
			catch (JacksonException ex) {
				logger.debug("Webhook answer for call {} is not JSON", this.call.uuid());
			}
			return null;
		}

		private void replace(Deque<JsonNode> actions, @Nullable ArrayNode ncco) {
			if (ncco != null) {
				actions.clear();
				ncco.forEach(actions::addLast);
				// An input opening a new NCCO follows no talk of it: a hold round.
				this.spokenTo = false;
			}
		}

		private void cancelled() throws InterruptedException {
			status(VoiceEvents.status(this.call, "cancelled", now()), "cancelled");
		}

		private void status(Map<String, Object> event, String status) throws InterruptedException {
			this.call.status(status);
			sendStatus(event, status);
		}

		private void sendStatus(Map<String, Object> event, String status) throws InterruptedException {
			URI url = this.call.spec().eventUrl();
			if (url == null) {
				CallPlayer.this.sender.skipped(subject(), status, "no event_url on the call");
				return;
			}
			this.stream.notify(new Webhook(url, this.call.spec().eventMethod(), event, this.call.applicationId(),
					subject(), status));
		}

		private Call.Wake pause(long scriptedMs) throws InterruptedException {
			long end = System.nanoTime() + scaled(Math.max(0, scriptedMs)).toNanos();
			// An asynchronous detection result falls due in the middle of some pause.
			Long due = this.detectionDue;
			if (due != null && due - end < 0) {
				Call.Wake wake = this.call.pause(untilNanos(due), this.deadline);
				if (wake != Call.Wake.ELAPSED) {
					return wake;
				}
				this.detectionDue = null;
				if (detected(Objects.requireNonNull(this.call.spec().detection()))) {
					return Call.Wake.HANGUP;
				}
			}
			return this.call.pause(untilNanos(end), this.deadline);
		}

		private Duration untilNanos(long nanoTime) {
			return Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
		}

		private JournalEntry.Subject subject() {
			return JournalEntry.Subject.call(this.call.uuid());
		}

		private Instant now() {
			return CallPlayer.this.clock.instant();
		}

	}

	private Duration scaled(long scriptedMs) {
		return this.properties.scaled(Duration.ofMillis(scriptedMs));
	}

	private static long seconds(JsonNode value, double fallback) {
		return (long) ((value.isNumber() ? value.asDouble() : fallback) * 1000);
	}

	private record Step(Call.Wake wake, @Nullable ArrayNode replacement) {
	}

	/**
	 * What the callee does in one {@code input}.
	 *
	 * @param say words spoken, if any
	 * @param confidence their recognition confidence
	 * @param digits keys pressed, if any
	 * @param hangup whether the callee hangs up instead
	 */
	private record Answer(@Nullable String say, double confidence, @Nullable String digits, boolean hangup) {

		static final Answer SILENCE = new Answer(null, 0, null, false);

	}

}
