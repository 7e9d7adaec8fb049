package dev.telephony.gateway.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.telephony.gateway.audit.AuditTrail;
import dev.telephony.gateway.auth.Caller;
import dev.telephony.gateway.commands.CommandPublisher;
import dev.telephony.gateway.correlation.EventStream;
import dev.telephony.gateway.mcp.Cancellations;
import dev.telephony.gateway.policy.CommandGuard;
import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.ViewProperties;
import dev.telephony.gateway.view.WatchRegistry;
import dev.telephony.schemas.CallInputReceived;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.ContinueCall;
import dev.telephony.schemas.HangupCall;
import dev.telephony.schemas.PlaceCall;
import dev.telephony.schemas.SpeechResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The conversation tools on the view, with the provider stood in for by what it would
 * send back: a scripted callee answers each line, so the transcript, the split between a
 * turn's answer and what came while the model thought, and the refusals can be checked
 * exactly. The real path through Kafka and the sandbox is in the system tests.
 */
class ConversationToolsTests {

	private static final String CALLER = "ops";

	private static final String CALL = "call-conv";

	private final EventStream events = mock(EventStream.class);

	private final CommandGuard guard = mock(CommandGuard.class);

	private final CommandPublisher publisher = mock(CommandPublisher.class);

	private final Cancellations cancellations = mock(Cancellations.class);

	private final TelephonyView view = new TelephonyView(new ViewProperties(Duration.ofHours(24)));

	private final WatchRegistry watches = new WatchRegistry();

	private final Deadlines deadlines = new Deadlines(new WaitProperties(Duration.ofSeconds(30), Duration.ofMillis(300),
			Duration.ofMillis(300), Duration.ofHours(1)));

	private final ToolFlow flow = new ToolFlow(this.events, this.guard, this.publisher, this.watches,
			this.cancellations, this.view, this.deadlines, new ToolCalls(new SimpleMeterRegistry(),
					mock(AuditTrail.class), new DefaultListableBeanFactory().getBeanProvider(McpSyncServer.class)));

	private final ToolInputs inputs = new ToolInputs(new InputProperties("14155550100", "", 1600));

	private final CallTools calls = new CallTools(this.inputs, this.deadlines, this.view, this.flow,
			new ConversationProperties(Duration.ofSeconds(90)));

	private final ConversationTools conversation = new ConversationTools(this.inputs, this.deadlines, this.view,
			this.flow);

	private final StatusTools status = new StatusTools(this.inputs, this.deadlines, this.view, this.flow);

	/** What the callee says, one entry per line it hears; each entry is said in order. */
	private final Deque<List<String>> callee = new ArrayDeque<>();

	private final List<Command> published = new ArrayList<>();

	private Instant clock = Instant.parse("2026-11-23T10:15:30Z");

	/**
	 * Whether the callee is an answering machine that beeps, detected as Vonage would.
	 */
	private boolean answeringMachine;

	@BeforeEach
	void aProviderWhoseCalleeAnswersEachLineAsScripted() {
		when(this.events.isReady()).thenReturn(true);
		when(this.guard.admit(any())).thenReturn(() -> {
		});
		when(this.cancellations.track(any(), any())).thenReturn(() -> {
		});
		doAnswer((invocation) -> {
			Command command = invocation.getArgument(0);
			this.published.add(command);
			this.view.onCommand(command);
			Instant at = tick();
			this.view.onEvent(
					new CommandAccepted("a-" + command.commandId(), command.commandId(), at, at, CALL, "CON-1", null));
			switch (command) {
				case PlaceCall place when this.answeringMachine -> {
					status(place.commandId(), "answered");
					status(place.commandId(), "machine", null);
					status(place.commandId(), "machine", "beep_start");
				}
				case PlaceCall place -> {
					status(place.commandId(), "answered");
					speak(place.commandId(), false);
				}
				case ContinueCall turn -> {
					if (Boolean.TRUE.equals(turn.listen()) || turn.listen() == null) {
						speak(turn.commandId(), false);
					}
				}
				case HangupCall hangup -> status(firstCommand(), "completed");
				default -> throw new IllegalStateException("unexpected " + command);
			}
			return null;
		}).when(this.publisher).publish(any());
	}

	@AfterEach
	void noWatchOutlivesItsToolCall() {
		assertThat(this.watches.waiting()).isZero();
	}

	@Test
	void aConversationKeepsEveryTurnAndWhatWasSaidWhileTheModelThought() {
		this.callee.add(List.of("We have a table at eight."));
		this.callee.add(List.of("For how many?"));
		this.callee.add(List.of("Under what name?"));

		CallToolResult first = start();
		assertThat(text(first)).startsWith("The callee answered: \"We have a table at eight.\" (confidence 0.9).")
			.contains("continue_call(call_uuid=\"" + CALL + "\"");
		assertThat(facts(first)).containsEntry("status", "answered").containsEntry("conversation", true);

		// Said during the hold, after the answer: kept for the next turn.
		speakDuringHold(firstCommand(), "Or nine if you prefer.");

		CallToolResult second = this.conversation.continueCall(CALL, "Eight is fine.", null, null, context(CALLER));
		assertThat(text(second)).startsWith(
				"While you were thinking, the callee said: \"Or nine if you prefer.\" (confidence 0.9). The callee"
						+ " answered: \"For how many?\"");

		CallToolResult third = this.conversation.continueCall(CALL, "Four people.", true, null, context(CALLER));
		assertThat(text(third)).startsWith("The callee answered: \"Under what name?\"");

		CallToolResult ended = this.conversation.endCall(CALL, "Thank you, goodbye!", context(CALLER));
		assertThat(ended.isError()).as(text(ended)).isFalse();
		assertThat(text(ended)).endsWith("""
				Transcript:
				  Gateway: "Can we book a table?"
				  Callee: "We have a table at eight." (confidence 0.9)
				  Callee (while held): "Or nine if you prefer." (confidence 0.9)
				  Gateway: "Eight is fine."
				  Callee: "For how many?" (confidence 0.9)
				  Gateway: "Four people."
				  Callee: "Under what name?" (confidence 0.9)
				  Gateway: "Thank you, goodbye!\"""");
		assertThat(facts(ended)).containsEntry("ended_by", "model").containsEntry("goodbye", "Thank you, goodbye!");
		HangupCall hangup = (HangupCall) this.published.get(this.published.size() - 1);
		assertThat(hangup.goodbye()).isEqualTo("Thank you, goodbye!");
		ContinueCall turn = (ContinueCall) this.published.get(1);
		assertThat(turn.conversation().idleSeconds()).isEqualTo(90);
		assertThat(turn.to()).isEqualTo("14155550123");
	}

	@Test
	void aLineWithoutListeningReturnsAtOnceAndItsAnswerComesWithTheNextTurn() {
		this.callee.add(List.of("Hello?"));
		start();

		CallToolResult spoken = this.conversation.continueCall(CALL, "One moment, let me check.", false, null,
				context(CALLER));
		assertThat(text(spoken)).startsWith("Said.");
		ContinueCall sent = (ContinueCall) this.published.get(1);
		speakDuringHold(sent.commandId(), "Sure, take your time.");
		this.callee.add(List.of("Great."));

		CallToolResult next = this.conversation.continueCall(CALL, "Booked for four.", null, null, context(CALLER));
		assertThat(text(next)).startsWith("While you were thinking, the callee said: \"Sure, take your time.\"");
	}

	@Test
	void anotherClientMayNotContinueOrEndTheCall() {
		this.callee.add(List.of("Hello?"));
		start();

		CallToolResult turn = this.conversation.continueCall(CALL, "Hi", null, null, context("someone-else"));
		CallToolResult end = this.conversation.endCall(CALL, null, context("someone-else"));

		assertThat(turn.isError()).isTrue();
		assertThat(text(turn)).contains("placed by another client");
		assertThat(end.isError()).isTrue();
		assertThat(this.published).hasSize(1);
	}

	@Test
	void aCallTheCalleeHungUpCannotBeContinuedAndSaysSo() {
		this.callee.add(List.of("No thanks."));
		start();
		Instant at = tick();
		this.view.onEvent(new CallStatusChanged("s-user", firstCommand(), at, at, CALL, "CON-1", "completed", null,
				null, null, null, null, 12, null, null, null, null, null, "user"));

		CallToolResult turn = this.conversation.continueCall(CALL, "Are you sure?", null, null, context(CALLER));

		assertThat(turn.isError()).isTrue();
		assertThat(text(turn)).startsWith("The call to +14155550123 has ended (the callee hung up) after 12 s.");
		assertThat(facts(turn)).containsEntry("ended_by", "callee");
		assertThat(this.published).hasSize(1);
	}

	@Test
	void aOneShotCallIsNotAConversation() {
		this.callee.add(List.of("Yes."));
		CallToolResult once = this.calls.voiceCallWithInput("+14155550123", "Are you coming?", null, null, null, null,
				null, false, null, context(CALLER));
		assertThat(once.isError()).as(text(once)).isFalse();

		CallToolResult turn = this.conversation.continueCall(CALL, "Great", null, null, context(CALLER));

		assertThat(turn.isError()).isTrue();
		assertThat(text(turn)).contains("is not a conversation");
	}

	@Test
	void silenceIsNotAnAnswerAndTheWaitEndsPendingWithHowToGoOn() {
		this.callee.add(List.of());

		CallToolResult first = start();

		assertThat(facts(first)).containsEntry("status", "pending");
		assertThat(text(first)).contains("check_call_status with call_uuid=" + CALL);
		CallToolResult status = this.status.checkCallStatus(CALL, null, context(CALLER));
		assertThat(facts(status).get("transcript")).asString().contains("silence=start_timeout");
	}

	@Test
	void aMachineThatBeepsTakesThePromptAsAVoicemailAndTheModelDecidesHowToEnd() {
		this.answeringMachine = true;

		CallToolResult opened = this.calls.voiceCallWithInput("+14155550123", "Hi, this is the clinic.", null, null,
				null, null, null, true, "voicemail", context(CALLER));

		assertThat(opened.isError()).as(text(opened)).isFalse();
		assertThat(facts(opened)).containsEntry("status", "voicemail").containsEntry("answered_by", "machine");
		assertThat(text(opened)).startsWith("An answering machine picked up at +14155550123; the message was left as a"
				+ " voicemail after the beep. The line is still open");
		assertThat(((PlaceCall) this.published.get(0)).answeringMachine()).isEqualTo("voicemail");
		CallToolResult ended = this.conversation.endCall(CALL, "Please call us back.", context(CALLER));
		assertThat(ended.isError()).as(text(ended)).isFalse();
		assertThat(facts(ended)).containsEntry("voicemail_left", true);
	}

	@Test
	void anAnsweringMachineChoiceIsNamed() {
		CallToolResult refused = this.calls.voiceCallWithInput("+14155550123", "Hello?", null, null, null, null, null,
				true, "record", context(CALLER));

		assertThat(refused.isError()).isTrue();
		assertThat(text(refused)).contains("must be voicemail, hangup or ignore, not 'record'");
		assertThat(this.published).isEmpty();
	}

	private CallToolResult start() {
		CallToolResult result = this.calls.voiceCallWithInput("+14155550123", "Can we book a table?", null, null, null,
				null, null, true, null, context(CALLER));
		assertThat(result.isError()).as(text(result)).isFalse();
		return result;
	}

	private UUID firstCommand() {
		return this.published.get(0).commandId();
	}

	private void status(UUID commandId, String status) {
		status(commandId, status, null);
	}

	private void status(UUID commandId, String status, String subState) {
		Instant at = tick();
		this.view.onEvent(new CallStatusChanged("s-" + status + at, commandId, at, at, CALL, "CON-1", status, null,
				null, null, null, null, null, null, null, null, null, null, null, subState));
	}

	/** The turn's own input: the callee's next scripted words, or silence. */
	private void speak(UUID turnId, boolean held) {
		List<String> words = this.callee.isEmpty() ? List.of() : this.callee.removeFirst();
		Instant at = tick();
		if (words.isEmpty()) {
			this.view.onEvent(new CallInputReceived("i-" + at, turnId, at, at, CALL, "CON-1", null, "start_timeout",
					null, null, null, held ? at : null));
			return;
		}
		for (String said : words) {
			Instant when = tick();
			this.view.onEvent(new CallInputReceived("i-" + when, turnId, when, when, CALL, "CON-1",
					List.of(new SpeechResult(said, 0.9)), "end_on_silence_timeout", null, null, null,
					held ? when : null));
		}
	}

	private void speakDuringHold(UUID turnId, String said) {
		this.callee.addFirst(List.of(said));
		speak(turnId, true);
	}

	private Instant tick() {
		this.clock = this.clock.plusMillis(250);
		return this.clock;
	}

	private static McpSyncRequestContext context(String caller) {
		McpSyncServerExchange exchange = mock(McpSyncServerExchange.class);
		when(exchange.transportContext()).thenReturn(McpTransportContext.create(Map.of(Caller.KEY, caller)));
		McpSyncRequestContext context = mock(McpSyncRequestContext.class);
		when(context.exchange()).thenReturn(exchange);
		return context;
	}

	private static String text(CallToolResult result) {
		return ((TextContent) result.content().get(0)).text();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> facts(CallToolResult result) {
		return (Map<String, Object>) result.structuredContent();
	}

}
