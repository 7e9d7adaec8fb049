package dev.telephony.gateway.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.telephony.gateway.audit.AuditTrail;
import dev.telephony.gateway.auth.Caller;
import dev.telephony.gateway.commands.CommandNotQueuedException;
import dev.telephony.gateway.commands.CommandPublisher;
import dev.telephony.gateway.correlation.EventStream;
import dev.telephony.gateway.mcp.Cancellations;
import dev.telephony.gateway.policy.CommandGuard;
import dev.telephony.gateway.policy.CommandRefusedException;
import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.ViewProperties;
import dev.telephony.gateway.view.WatchRegistry;
import dev.telephony.schemas.AuditRecord;
import dev.telephony.schemas.Command;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.PlaceCall;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Every tool through the one flow, with the broker, the guard and the MCP session stood
 * in for: each way of failing comes out of every tool the same, nothing that was not
 * admitted is published, and the audit trail names what the tool acted on.
 */
class ToolFlowTests {

	private static final String CALLER = "ops";

	private static final String LIVE_CALL = "call-live";

	private final EventStream events = mock(EventStream.class);

	private final CommandGuard guard = mock(CommandGuard.class);

	private final CommandPublisher publisher = mock(CommandPublisher.class);

	private final Cancellations cancellations = mock(Cancellations.class);

	private final AuditTrail audit = mock(AuditTrail.class);

	private final TelephonyView view = new TelephonyView(new ViewProperties(Duration.ofHours(24)));

	private final WatchRegistry watches = new WatchRegistry();

	private final Deadlines deadlines = new Deadlines(new WaitProperties(Duration.ofSeconds(30), Duration.ofMillis(100),
			Duration.ofMillis(200), Duration.ofHours(1)));

	private final ToolFlow flow = new ToolFlow(this.events, this.guard, this.publisher, this.watches,
			this.cancellations, this.view, this.deadlines, new ToolCalls(new SimpleMeterRegistry(), this.audit,
					new DefaultListableBeanFactory().getBeanProvider(McpSyncServer.class)));

	private final ToolInputs inputs = new ToolInputs(new InputProperties("14155550100", "", 1600));

	private final SmsTools sms = new SmsTools(this.inputs, this.deadlines, this.view, this.flow);

	private final CallTools calls = new CallTools(this.inputs, this.deadlines, this.view, this.flow,
			new ConversationProperties(Duration.ofSeconds(120)));

	private final StatusTools status = new StatusTools(this.inputs, this.deadlines, this.view, this.flow);

	private final McpSyncRequestContext context = context(CALLER);

	private final AtomicInteger released = new AtomicInteger();

	private final List<Boolean> interruptedAfterEach = new ArrayList<>();

	private UUID liveCallCommand;

	@BeforeEach
	void aReadyGatewayThatAdmitsEverythingAndKnowsOneLiveCall() {
		when(this.events.isReady()).thenReturn(true);
		when(this.guard.admit(any())).thenReturn(this.released::incrementAndGet);
		when(this.cancellations.track(any(), any())).thenReturn(() -> {
		});
		this.liveCallCommand = UUID.randomUUID();
		Instant now = Instant.now();
		this.view.onCommand(new PlaceCall(this.liveCallCommand, now, now.plusSeconds(30), CALLER, "14155550111",
				"14155550100", "Hello", null, null, null, null, null));
		this.view.onEvent(new CommandAccepted("a-1", this.liveCallCommand, now, now, LIVE_CALL, "CON-1", null));
	}

	@AfterEach
	void noWatchOutlivesItsToolCall() {
		Thread.interrupted();
		assertThat(this.watches.waiting()).isZero();
	}

	@Test
	void aGatewayNotYetReadyQueuesNothingAndEveryToolSaysSoAlike() {
		when(this.events.isReady()).thenReturn(false);

		Map<String, CallToolResult> results = runEveryCommandTool();

		results.forEach((tool, result) -> assertThat(status(result)).as(tool).isEqualTo("not_queued"));
		assertThat(results.values()).extracting(ToolFlowTests::afterSubject)
			.containsOnly(": the gateway is not connected to Kafka yet. Nothing was queued; try again in a moment.");
		assertThat(results.values()).allSatisfy((result) -> assertThat(facts(result)).containsKey("command_id"));
		verify(this.guard, never()).admit(any());
		verify(this.publisher, never()).publish(any());
		assertThat(audits()).extracting(AuditRecord::outcome).containsOnly("error");
		assertThat(audits()).extracting(AuditRecord::commandId).containsOnlyNulls();
	}

	@Test
	void aRefusalIsTheGuardsWordsFromEveryToolAndNothingIsPublished() {
		CommandRefusedException refusal = new CommandRefusedException("quota_exceeded", "Quota reached.");
		when(this.guard.admit(any())).thenThrow(refusal);

		Map<String, CallToolResult> results = runEveryCommandTool();

		assertThat(results.values()).allSatisfy((result) -> {
			assertThat(result.isError()).isTrue();
			assertThat(text(result)).isEqualTo("Quota reached.");
			assertThat(facts(result))
				.isEqualTo(Map.of("status", "refused", "reason", "quota_exceeded", "error", "Quota reached."));
		});
		verify(this.publisher, never()).publish(any());
		assertThat(audits()).extracting(AuditRecord::outcome).containsOnly("refused");
		assertThat(audits()).extracting(AuditRecord::commandId).containsOnlyNulls();
	}

	@Test
	void aCommandKafkaMayStillHaveIsNeverCalledSafeToRetry() {
		doThrow(new CommandNotQueuedException("Kafka did not acknowledge the command within 10 s", null, true))
			.when(this.publisher)
			.publish(any());

		Map<String, CallToolResult> results = runEveryCommandTool();

		results.forEach((tool, result) -> {
			assertThat(result.isError()).as(tool).isTrue();
			assertThat(status(result)).as(tool).isEqualTo("unconfirmed");
			assertThat(text(result)).as(tool)
				.startsWith(
						"Not confirmed: Kafka did not acknowledge the command within 10 s, so it may still go ahead.")
				.contains("check_call_status (call_uuid " + facts(result).get("command_id") + ")")
				.doesNotContain("safe to try again");
		});
		assertThat(this.released).as("no outcome came: the quota is given back").hasValue(results.size());
	}

	@Test
	void aCommandWhoseAcknowledgementCameTooLateIsAnsweredByItsOutcome() {
		doAnswer((invocation) -> {
			// The broker wrote it and a dispatcher placed the call; only the
			// acknowledgement was late.
			placed(invocation.getArgument(0), "call-late");
			throw new CommandNotQueuedException("Kafka did not acknowledge the command within 10 s", null, true);
		}).when(this.publisher).publish(any());

		CallToolResult result = this.calls.voiceCall("+14155550123", "Hello", null, null, false, null, this.context);

		assertThat(result.isError()).isFalse();
		assertThat(text(result))
			.isEqualTo("Calling +14155550123 (call_uuid call-late). Use check_call_status to" + " follow it.");
		assertThat(this.released).as("it went ahead: it keeps its quota").hasValue(0);
		assertThat(audits()).singleElement().satisfies((audit) -> {
			assertThat(audit.outcome()).isEqualTo("success");
			assertThat(audit.callUuid()).isEqualTo("call-late");
		});
	}

	@Test
	void kafkaNotTakingTheCommandReleasesItsQuotaAndEveryToolSaysSoAlike() {
		doThrow(new CommandNotQueuedException("Kafka did not take the command: RecordTooLargeException", null, false))
			.when(this.publisher)
			.publish(any());

		Map<String, CallToolResult> results = runEveryCommandTool();

		results.forEach((tool, result) -> {
			assertThat(result.isError()).as(tool).isTrue();
			assertThat(status(result)).as(tool).isEqualTo("not_queued");
		});
		assertThat(results.values()).extracting(ToolFlowTests::afterSubject)
			.containsOnly(": the gateway could not queue it (Kafka did not take the command: RecordTooLargeException)."
					+ " It is safe to try again in a moment.");
		assertThat(this.released).as("every admitted command released").hasValue(results.size());
		assertThat(audits()).extracting(AuditRecord::commandId).doesNotContainNull();
	}

	@Test
	void theWatchIsOnBeforeTheCommandIsPublished() {
		List<Integer> watchingAtPublish = new ArrayList<>();
		doAnswer((invocation) -> watchingAtPublish.add(this.watches.waiting())).when(this.publisher).publish(any());

		Map<String, CallToolResult> results = runEveryCommandTool();

		assertThat(watchingAtPublish).hasSize(results.size()).containsOnly(1);
		assertThat(this.released).as("published commands keep their quota").hasValue(0);
	}

	@Test
	void aClientsCancellationEndsEveryWaitAlikeFollowingACallToo() {
		when(this.cancellations.track(any(), any())).thenAnswer((invocation) -> {
			invocation.<Runnable>getArgument(1).run();
			return (Runnable) () -> {
			};
		});

		Map<String, CallToolResult> results = runEveryCommandTool();
		results.put("check_call_status", this.status.checkCallStatus(LIVE_CALL, 30, this.context));

		assertThat(results.values()).allSatisfy((result) -> {
			assertThat(result.isError()).isTrue();
			assertThat(text(result)).isEqualTo("Cancelled by the client; the command itself goes on.");
			assertThat(status(result)).isEqualTo("error");
		});
	}

	@Test
	void anInterruptedWaitEndsEveryToolAlikeAndKeepsTheInterruptFollowingACallToo() {
		when(this.cancellations.track(any(), any())).thenAnswer((invocation) -> {
			Thread.currentThread().interrupt();
			return (Runnable) () -> {
			};
		});

		Map<String, CallToolResult> results = runEveryCommandTool();
		results.put("check_call_status", this.status.checkCallStatus(LIVE_CALL, 30, this.context));
		this.interruptedAfterEach.add(Thread.interrupted());

		results.forEach((tool, result) -> {
			assertThat(result.isError()).as(tool).isTrue();
			assertThat(text(result)).as(tool).startsWith("The request was cancelled while waiting; ");
			assertThat(status(result)).as(tool).isEqualTo("cancelled");
			assertThat(facts(result)).as(tool).containsKey("command_id");
		});
		assertThat(this.interruptedAfterEach).as("the interrupt is kept for the caller")
			.hasSize(results.size())
			.containsOnly(true);
	}

	@Test
	void anInvalidArgumentIsAnsweredBeforeAnythingIsAdmittedAndAuditedAsGiven() {
		CallToolResult result = this.sms.sendSms(" hello ", "hi", null, this.context);

		assertThat(status(result)).isEqualTo("invalid");
		verify(this.events, never()).isReady();
		verify(this.guard, never()).admit(any());
		assertThat(audits()).singleElement().satisfies((audit) -> {
			assertThat(audit.outcome()).isEqualTo("invalid");
			assertThat(audit.destination()).isEqualTo("hello");
			assertThat(audit.commandId()).isNull();
		});
	}

	@Test
	void theAuditNamesWhatTheToolActedOnEvenWhereTheResultDoesNot() {
		CallToolResult hangup = this.status.hangupCall(LIVE_CALL, this.context);

		assertThat(facts(hangup)).as("a queued hang-up").doesNotContainKey("call_uuid");
		AuditRecord audited = audits().get(0);
		assertThat(audited.outcome()).isEqualTo("pending");
		assertThat(audited.commandId().toString()).isEqualTo(facts(hangup).get("command_id"));
		assertThat(audited.callUuid()).isEqualTo(LIVE_CALL);
		assertThat(audited.destination()).isEqualTo("14155550111");
	}

	@Test
	void anAcceptedCallIsDescribedByTheToolAndAuditedWithTheCallVonageNamed() {
		doAnswer((invocation) -> {
			placed(invocation.getArgument(0), "call-new");
			return null;
		}).when(this.publisher).publish(any());

		CallToolResult result = this.calls.voiceCall("+1 415 555 0123", "Hello", null, null, false, null, this.context);

		assertThat(result.isError()).isFalse();
		assertThat(text(result))
			.isEqualTo("Calling +14155550123 (call_uuid call-new). Use check_call_status to" + " follow it.");
		AuditRecord audited = audits().get(0);
		assertThat(audited.outcome()).isEqualTo("success");
		assertThat(audited.destination()).isEqualTo("14155550123");
		assertThat(audited.callUuid()).isEqualTo("call-new");
		assertThat(audited.commandId()).isNotNull();
	}

	/**
	 * What the view holds once a dispatcher has placed the call the command asked for.
	 */
	private void placed(Command command, String callUuid) {
		this.view.onCommand(command);
		this.view.onEvent(new CommandAccepted("a-" + command.commandId(), command.commandId(), Instant.now(),
				Instant.now(), callUuid, "CON-" + callUuid, null));
	}

	/** Each tool that sends a command, with good arguments. */
	private Map<String, CallToolResult> runEveryCommandTool() {
		Map<String, Function<McpSyncRequestContext, CallToolResult>> tools = new LinkedHashMap<>();
		tools.put("send_sms", (context) -> this.sms.sendSms("+14155550123", "hello", null, context));
		tools.put("sms_with_input",
				(context) -> this.sms.smsWithInput("+14155550123", "Coming?", null, null, null, context));
		tools.put("voice_call",
				(context) -> this.calls.voiceCall("+14155550123", "hello", null, null, true, null, context));
		tools.put("voice_call_with_input", (context) -> this.calls.voiceCallWithInput("+14155550123", "Coming?", null,
				null, null, null, null, null, null, context));
		tools.put("hangup_call", (context) -> this.status.hangupCall(LIVE_CALL, context));
		Map<String, CallToolResult> results = new LinkedHashMap<>();
		tools.forEach((tool, run) -> {
			results.put(tool, run.apply(this.context));
			// Taken, so that no tool call starts interrupted by the one before.
			this.interruptedAfterEach.add(Thread.interrupted());
		});
		return results;
	}

	private List<AuditRecord> audits() {
		ArgumentCaptor<AuditRecord> records = ArgumentCaptor.forClass(AuditRecord.class);
		verify(this.audit, atLeastOnce()).record(records.capture());
		return records.getAllValues();
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

	/** The text past the tool's own subject, such as "The SMS was not sent". */
	private static String afterSubject(CallToolResult result) {
		String text = text(result);
		return text.substring(text.indexOf(':'));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> facts(CallToolResult result) {
		return (Map<String, Object>) result.structuredContent();
	}

	private static Object status(CallToolResult result) {
		return facts(result).get("status");
	}

}
