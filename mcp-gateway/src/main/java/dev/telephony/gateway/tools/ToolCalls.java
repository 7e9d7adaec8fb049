package dev.telephony.gateway.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.telephony.gateway.audit.AuditTrail;
import dev.telephony.gateway.auth.Caller;
import dev.telephony.gateway.commands.CommandIds;
import dev.telephony.schemas.AuditRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

import org.springframework.ai.mcp.annotation.context.McpSyncRequestContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Every tool call ends here, by way of {@link ToolFlow}: timed under one meter by tool
 * and outcome, and written to the audit trail with who asked, for whom and about what.
 */
@Component
class ToolCalls implements SmartInitializingSingleton {

	private static final Pattern E164_DIGITS = Pattern.compile("[0-9]{6,15}");

	private static final int MAX_UNPARSED_DESTINATION = 32;

	private static final Duration[] LATENCY_BUCKETS = Stream
		.of(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 120_000)
		.map(Duration::ofMillis)
		.toArray(Duration[]::new);

	/** The bounded outcomes of {@link #outcome}. */
	private static final List<String> OUTCOMES = List.of("success", "pending", "refused", "invalid", "error");

	private final MeterRegistry meters;

	private final AuditTrail audit;

	private final ObjectProvider<McpSyncServer> server;

	ToolCalls(MeterRegistry meters, AuditTrail audit, ObjectProvider<McpSyncServer> server) {
		this.meters = meters;
		this.audit = audit;
		this.server = server;
	}

	/**
	 * Zeros from the start, so that the latency SLO's rules and the dashboards have a
	 * series to work on. The tools are the server's, known only once it is built (it
	 * needs the tool beans, which need this); that is still before the port opens.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		this.server.ifAvailable(
				(mcp) -> mcp.listTools().forEach((tool) -> OUTCOMES.forEach((outcome) -> timer(tool.name(), outcome))));
	}

	/**
	 * @param text the message or prompt, audited only when configured
	 */
	CallToolResult run(String tool, McpSyncRequestContext context, String text, Supplier<ToolAnswer> call) {
		String caller = Caller.name(context);
		Timer.Sample sample = Timer.start(this.meters);
		ToolAnswer answer = call.get();
		CallToolResult result = answer.result();
		String outcome = outcome(result);
		long tookNanos = sample.stop(timer(tool, outcome));
		AuditDetails about = answer.audit();
		this.audit
			.record(new AuditRecord(CommandIds.next(), Instant.now(), caller, tool, destination(about.destination()),
					outcome, "success".equals(outcome) || "pending".equals(outcome) ? null : text(result),
					about.commandId(), about.callUuid(), this.audit.includesText() ? text : null,
					(int) Duration.ofNanos(tookNanos).toMillis(), Caller.client(context)));
		return result;
	}

	private Timer timer(String tool, String outcome) {
		return Timer.builder("telephony.mcp.tool.calls")
			.description("MCP tool calls, by tool and outcome")
			.tag("tool", tool)
			.tag("outcome", outcome)
			// Buckets for the latency SLO and its burn-rate alerts; fixed, so the series
			// stay few.
			.serviceLevelObjectives(LATENCY_BUCKETS)
			.register(this.meters);
	}

	/**
	 * The bounded outcome: success, pending, or for an error result refused, invalid or
	 * error. Read from the result, since it is what the client was told.
	 */
	private static String outcome(CallToolResult result) {
		Object status = (result.structuredContent() instanceof Map<?, ?> facts) ? facts.get("status") : null;
		if (Boolean.TRUE.equals(result.isError())) {
			return ("refused".equals(status) || "invalid".equals(status)) ? status.toString() : "error";
		}
		return "pending".equals(status) ? "pending" : "success";
	}

	private static String text(CallToolResult result) {
		return result.content()
			.stream()
			.filter(TextContent.class::isInstance)
			.map((content) -> ((TextContent) content).text())
			.findFirst()
			.orElse(null);
	}

	/**
	 * E.164 digits, as commands carry them; anything else as given, cut short, since it
	 * may be whatever a model put in the field.
	 */
	private static String destination(String given) {
		if (given == null) {
			return null;
		}
		String value = given.strip();
		String digits = value.startsWith("+") ? value.substring(1) : value;
		if (E164_DIGITS.matcher(digits).matches()) {
			return digits;
		}
		return (value.length() > MAX_UNPARSED_DESTINATION) ? value.substring(0, MAX_UNPARSED_DESTINATION) + "…" : value;
	}

}
