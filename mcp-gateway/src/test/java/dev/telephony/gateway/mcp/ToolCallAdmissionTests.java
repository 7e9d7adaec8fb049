package dev.telephony.gateway.mcp;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The admission filter on its own: what it counts, when it gives a slot back, and what a
 * refused call is told.
 */
class ToolCallAdmissionTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void theCallPastTheLimitIsToldSoAndNothingOfItRuns() throws Exception {
		ToolCallAdmission admission = admission(2);
		streamed(admission, toolCall("1"));
		streamed(admission, toolCall("2"));

		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		admission.doFilter(toolCall("\"call-3\""), response, chain);

		assertThat(chain.getRequest()).as("the chain, and the tool behind it").isNull();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("application/json");
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		JsonNode answer = this.json.readTree(response.getContentAsByteArray());
		assertThat(answer.path("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(answer.path("id").isString()).isTrue();
		assertThat(answer.path("id").asString()).isEqualTo("call-3");
		assertThat(answer.has("error")).isFalse();
		assertThat(answer.path("result").path("isError").asBoolean()).isTrue();
		assertThat(answer.path("result").path("content").get(0).path("type").asString()).isEqualTo("text");
		assertThat(answer.path("result").path("content").get(0).path("text").asString()).isEqualTo(
				"The gateway is at capacity (2 tool calls in progress); nothing was sent. Try again in a few seconds.");
		assertThat(admission.active()).isEqualTo(2);
	}

	@Test
	void aNumericIdIsAnsweredAsANumber() throws Exception {
		ToolCallAdmission admission = admission(1);
		streamed(admission, toolCall("1"));
		MockHttpServletResponse response = new MockHttpServletResponse();
		admission.doFilter(toolCall("42"), response, new MockFilterChain());
		JsonNode id = this.json.readTree(response.getContentAsByteArray()).path("id");
		assertThat(id.isNumber()).isTrue();
		assertThat(id.asInt()).isEqualTo(42);
	}

	@Test
	void aCallAnsweredInItsThreadFreesItsSlot() throws Exception {
		ToolCallAdmission admission = admission(1);
		MockFilterChain first = new MockFilterChain();
		admission.doFilter(toolCall("1"), new MockHttpServletResponse(), first);
		assertThat(first.getRequest()).isNotNull();
		assertThat(admission.active()).isZero();

		MockFilterChain second = new MockFilterChain();
		admission.doFilter(toolCall("2"), new MockHttpServletResponse(), second);
		assertThat(second.getRequest()).as("admitted").isNotNull();
	}

	@Test
	void aStreamedCallHoldsItsSlotUntilTheStreamEnds() throws Exception {
		ToolCallAdmission admission = admission(1);
		MockHttpServletRequest first = toolCall("1");
		streamed(admission, first);
		assertThat(admission.active()).isOne();
		assertThat(refused(admission, toolCall("2"))).isTrue();

		((MockAsyncContext) first.getAsyncContext()).complete();
		assertThat(admission.active()).isZero();
		assertThat(refused(admission, toolCall("3"))).isFalse();
	}

	@Test
	void aStreamThatTimesOutOrFailsFreesItsSlotOnce() throws Exception {
		ToolCallAdmission admission = admission(2);
		MockHttpServletRequest timedOut = toolCall("1");
		MockHttpServletRequest failed = toolCall("2");
		streamed(admission, timedOut);
		streamed(admission, failed);

		MockAsyncContext timedOutContext = (MockAsyncContext) timedOut.getAsyncContext();
		for (AsyncListener listener : timedOutContext.getListeners()) {
			listener.onTimeout(new AsyncEvent(timedOutContext));
		}
		MockAsyncContext failedContext = (MockAsyncContext) failed.getAsyncContext();
		for (AsyncListener listener : failedContext.getListeners()) {
			listener.onError(new AsyncEvent(failedContext, new IOException("client went away")));
		}
		assertThat(admission.active()).isZero();
		// The container completes both after saying why.
		timedOutContext.complete();
		failedContext.complete();
		assertThat(admission.active()).isZero();
	}

	@Test
	void aStreamStartedAgainStillFreesItsSlot() throws Exception {
		ToolCallAdmission admission = admission(1);
		MockHttpServletRequest request = toolCall("1");
		streamed(admission, request);
		MockAsyncContext context = (MockAsyncContext) request.getAsyncContext();
		// A container drops the listeners when async starts again, after telling them.
		AsyncListener[] listeners = context.getListeners().toArray(AsyncListener[]::new);
		context.getListeners().clear();
		for (AsyncListener listener : listeners) {
			listener.onStartAsync(new AsyncEvent(context));
		}
		context.complete();
		assertThat(admission.active()).isZero();
	}

	@Test
	void aCallThatFailsFreesItsSlot() {
		ToolCallAdmission admission = admission(1);
		FilterChain failing = (request, response) -> {
			throw new IllegalStateException("the tool broke");
		};
		assertThatIllegalStateException()
			.isThrownBy(() -> admission.doFilter(toolCall("1"), new MockHttpServletResponse(), failing));
		assertThat(admission.active()).isZero();
	}

	@Test
	void otherMessagesAreNeverRefused() throws Exception {
		ToolCallAdmission admission = admission(1);
		streamed(admission, toolCall("1"));
		for (String message : new String[] { "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}",
				"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
				"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
				"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}",
				"{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\"}}",
				"{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}" }) {
			MockHttpServletRequest request = post();
			request.setAttribute(McpRequestTags.MESSAGE_ATTRIBUTE, this.json.readTree(message));
			assertThat(refused(admission, request)).as(message).isFalse();
		}
		MockHttpServletRequest stream = new MockHttpServletRequest("GET", "/mcp");
		assertThat(refused(admission, stream)).as("the event stream of a session").isFalse();
		assertThat(refused(admission, post())).as("a body that was not JSON").isFalse();
		assertThat(admission.active()).isOne();
	}

	@Test
	void refusalsAndCallsInProgressAreMeasured() throws Exception {
		ToolCallAdmission admission = admission(1);
		streamed(admission, toolCall("1"));
		refused(admission, toolCall("2"));
		refused(admission, toolCall("3"));
		assertThat(this.meters.get("telephony.mcp.tool.calls.refused").tag("reason", "capacity").counter().count())
			.isEqualTo(2);
		assertThat(this.meters.get("telephony.mcp.tool.calls.active").gauge().value()).isEqualTo(1);
		assertThat(this.meters.get("telephony.mcp.tool.calls.limit").gauge().value()).isEqualTo(1);
	}

	@Test
	void theLimitIsDerivedFromTheHeapUnlessSet() {
		AdmissionProperties derived = new AdmissionProperties(0, 0, DataSize.ofKilobytes(48), DataSize.ofMegabytes(96),
				Duration.ofSeconds(5));
		assertThat(derived.toolCallLimit(DataSize.ofMegabytes(512).toBytes())).isEqualTo((512 - 96) * 1024 / 48);
		assertThat(derived.toolCallLimit(DataSize.ofMegabytes(64).toBytes())).as("a heap smaller than the reserve")
			.isOne();
		assertThat(derived.toolCallLimit(Long.MAX_VALUE)).as("no heap limit").isEqualTo(Integer.MAX_VALUE);
		AdmissionProperties set = new AdmissionProperties(250, 0, DataSize.ofKilobytes(48), DataSize.ofMegabytes(96),
				Duration.ofSeconds(5));
		assertThat(set.toolCallLimit(DataSize.ofMegabytes(512).toBytes())).isEqualTo(250);
		assertThat(admission(0).limit()).isEqualTo(derived.toolCallLimit(Runtime.getRuntime().maxMemory()))
			.isPositive();
	}

	@Test
	void theConnectionLimitLeavesRoomBeyondTheToolCallsUnlessSet() {
		long heap = DataSize.ofMegabytes(256).toBytes();
		AdmissionProperties derived = new AdmissionProperties(0, 0, DataSize.ofKilobytes(40), DataSize.ofMegabytes(96),
				Duration.ofSeconds(5));
		assertThat(derived.toolCallLimit(heap)).isEqualTo(4096);
		assertThat(derived.connectionLimit(heap)).as("a sixteenth more").isEqualTo(4096 + 256);
		AdmissionProperties few = new AdmissionProperties(10, 0, DataSize.ofKilobytes(36), DataSize.ofMegabytes(96),
				Duration.ofSeconds(5));
		assertThat(few.connectionLimit(heap)).as("at least 64 more").isEqualTo(74);
		AdmissionProperties set = new AdmissionProperties(10, 12, DataSize.ofKilobytes(36), DataSize.ofMegabytes(96),
				Duration.ofSeconds(5));
		assertThat(set.connectionLimit(heap)).isEqualTo(12);
		assertThat(derived.connectionLimit(Long.MAX_VALUE)).as("no heap limit").isEqualTo(Integer.MAX_VALUE);
	}

	@Test
	void fewerConnectionsThanToolCallsIsNotAPlausibleSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AdmissionProperties(10, 9, DataSize.ofKilobytes(36), DataSize.ofMegabytes(96),
					Duration.ofSeconds(5)))
			.withMessageContaining("max-connections (9) must not be below max-tool-calls (10)");
	}

	@Test
	void aCallCostingNothingIsNotAPlausibleSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AdmissionProperties(0, 0, DataSize.ofBytes(0), DataSize.ofMegabytes(96),
					Duration.ofSeconds(5)))
			.withMessageContaining("heap-per-tool-call");
	}

	private ToolCallAdmission admission(int maxToolCalls) {
		return new ToolCallAdmission(new AdmissionProperties(maxToolCalls, 0, DataSize.ofKilobytes(48),
				DataSize.ofMegabytes(96), Duration.ofSeconds(5)), this.json, this.meters);
	}

	/** Admits {@code request} to a chain that answers with a stream still open. */
	private void streamed(ToolCallAdmission admission, MockHttpServletRequest request)
			throws ServletException, IOException {
		admission.doFilter(request, new MockHttpServletResponse(), (req, res) -> req.startAsync());
		assertThat(request.isAsyncStarted()).as("admitted and streaming").isTrue();
	}

	private boolean refused(ToolCallAdmission admission, MockHttpServletRequest request)
			throws ServletException, IOException {
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		admission.doFilter(request, response, chain);
		boolean refused = chain.getRequest() == null;
		if (refused) {
			assertThat(response.getContentAsString()).contains("at capacity");
		}
		return refused;
	}

	private MockHttpServletRequest toolCall(String id) {
		MockHttpServletRequest request = post();
		request.setAttribute(McpRequestTags.MESSAGE_ATTRIBUTE, this.json.readTree("{\"jsonrpc\":\"2.0\",\"id\":" + id
				+ ",\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\",\"arguments\":{}}}"));
		return request;
	}

	private static MockHttpServletRequest post() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		request.setAsyncSupported(true);
		return request;
	}

}
