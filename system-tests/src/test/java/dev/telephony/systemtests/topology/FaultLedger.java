package dev.telephony.systemtests.topology;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.telephony.schemas.CallInputReceived;
import dev.telephony.schemas.CallStatusChanged;
import dev.telephony.schemas.CommandAccepted;
import dev.telephony.schemas.CommandExpired;
import dev.telephony.schemas.CommandFailed;
import dev.telephony.schemas.CommandOutcomeUnknown;
import dev.telephony.schemas.Event;
import dev.telephony.schemas.MessageStatusChanged;
import dev.telephony.schemas.Topics;
import dev.telephony.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A steady stream of tool calls through HAProxy while a fault test breaks things, and the
 * promises checked afterwards: exactly one outcome per acknowledged command, no
 * destination called twice, every webhook acknowledged with 2xx on Kafka, and only the
 * killed gateway's sessions lost. Shared by the process topology and the compose
 * deployment, so that both are held to the same assertions.
 */
final class FaultLedger {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http;

	private final URI mcp;

	private final @Nullable String bearer;

	private final Map<UUID, String> acknowledged = new ConcurrentHashMap<>();

	/** Each lost session: the replica that served it, and why. */
	private final List<Map.Entry<String, String>> lostSessions = new CopyOnWriteArrayList<>();

	private final AtomicInteger toolErrors = new AtomicInteger();

	private final AtomicInteger numbers = new AtomicInteger(2000);

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final List<Thread> streams = new ArrayList<>();

	FaultLedger(HttpClient http, URI mcp, @Nullable String bearer) {
		this.http = http;
		this.mcp = mcp;
		this.bearer = bearer;
	}

	McpSession open() throws IOException, InterruptedException {
		return McpSession.open(this.http, this.mcp, this.bearer);
	}

	int acknowledgedCount() {
		return this.acknowledged.size();
	}

	int toolErrors() {
		return this.toolErrors.get();
	}

	/** Sessions lost on {@code replica}. */
	long lostSessions(String replica) {
		return this.lostSessions.stream().filter((lost) -> lost.getKey().equals(replica)).count();
	}

	String nextNumber() {
		return "+1415555" + this.numbers.getAndIncrement();
	}

	/**
	 * Opens {@code count} sessions, which HAProxy must spread over both gateways, and
	 * starts a stream on each.
	 * @return the sessions, in the order opened
	 */
	List<McpSession> startStreams(int count) throws IOException, InterruptedException {
		List<McpSession> sessions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			sessions.add(open());
		}
		assertThat(sessions.stream().map((session) -> session.servedBy).collect(Collectors.toSet()))
			.as("HAProxy spreads new sessions over both gateways")
			.hasSize(2);
		for (McpSession session : sessions) {
			this.streams.add(Thread.ofVirtual().start(() -> stream(session, this.running)));
		}
		return sessions;
	}

	/** Ends the streams, waiting for each to finish its call in progress. */
	void stopStreams() throws InterruptedException {
		this.running.set(false);
		for (Thread stream : this.streams) {
			stream.join(Duration.ofSeconds(120));
		}
	}

	/** Recovered with nobody's help: a new session sends a message. */
	void assertANewSessionWorks() {
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(2))
			.ignoreExceptions()
			.untilAsserted(() -> {
				JsonNode sms = open().callTool("send_sms", Map.of("to", nextNumber(), "text", "after the storm"));
				assertThat(sms.path("structuredContent").path("status").asString()).isEqualTo("accepted");
			});
	}

	/**
	 * Alternates an SMS and a call on {@code first} once a second until {@code running}
	 * turns false, re-opening the session when it is lost.
	 */
	private void stream(McpSession first, AtomicBoolean running) {
		McpSession session = first;
		boolean call = false;
		while (running.get()) {
			try {
				JsonNode result = call
						? session.callTool("voice_call",
								Map.of("to", nextNumber(), "message", "Fault test call", "wait_for_result", false))
						: session.callTool("send_sms", Map.of("to", nextNumber(), "text", "Fault test message"));
				call = !call;
				JsonNode facts = result.path("structuredContent");
				String status = facts.path("status").asString("");
				if (facts.hasNonNull("command_id") && !"not_queued".equals(status)) {
					this.acknowledged.put(UUID.fromString(facts.path("command_id").asString()), status);
				}
				if (result.path("isError").asBoolean(false)) {
					this.toolErrors.incrementAndGet();
				}
				Thread.sleep(1_000);
			}
			catch (McpSession.SessionLost ex) {
				this.lostSessions.add(Map.entry(session.servedBy, session.sessionId + ": " + ex.getMessage()));
				session = reopen(running);
				if (session == null) {
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private @Nullable McpSession reopen(AtomicBoolean running) {
		while (running.get()) {
			try {
				return open();
			}
			catch (IOException | RuntimeException ex) {
				try {
					Thread.sleep(1_000);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return null;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		return null;
	}

	/**
	 * Waits until every acknowledged command has its outcome on Kafka, then asserts that
	 * none has two.
	 * @return the outcome kinds and their counts, for the summary
	 */
	String assertExactlyOneOutcomeEach(String bootstrapServers) {
		Map<UUID, List<Event>> outcomes = new HashMap<>();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
			outcomes.clear();
			outcomes.putAll(outcomesByCommand(bootstrapServers));
			assertThat(this.acknowledged.keySet()).as("acknowledged commands without an outcome")
				.allSatisfy((id) -> assertThat(outcomes).containsKey(id));
		});
		Map<UUID, List<Event>> ambiguous = outcomes.entrySet()
			.stream()
			.filter((entry) -> this.acknowledged.containsKey(entry.getKey()))
			.filter((entry) -> entry.getValue().stream().map(Event::eventId).distinct().count() != 1)
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(ambiguous).as("commands with more than one outcome").isEmpty();
		return outcomes.values()
			.stream()
			.collect(Collectors.groupingBy((events) -> events.get(0).getClass().getSimpleName(), Collectors.counting()))
			.toString();
	}

	/**
	 * Every call the sandbox was asked to create went to its own destination.
	 * @param journal the sandbox's {@code /_sandbox/journal}
	 * @return how many destinations were called
	 */
	static int assertNoDestinationCalledTwice(JsonNode journal) {
		Map<String, Long> callsPerDestination = new HashMap<>();
		journal.path("entries").forEach((entry) -> {
			if ("request".equals(entry.path("kind").asString()) && "/v1/calls".equals(entry.path("path").asString())
					&& "POST".equals(entry.path("method").asString())) {
				callsPerDestination.merge(entry.path("to").asString(), 1L, Long::sum);
			}
		});
		assertThat(callsPerDestination).as("calls per destination")
			.isNotEmpty()
			.allSatisfy((to, count) -> assertThat(count).as(to).isEqualTo(1));
		return callsPerDestination.size();
	}

	/**
	 * Every webhook an ingest answered with 2xx is on the events topic.
	 * @return how many webhooks were acknowledged
	 */
	static int assertEveryAcknowledgedWebhookOnKafka(JsonNode journal, String bootstrapServers) {
		Set<String> published = events(bootstrapServers).stream().map((event) -> switch (event) {
			case CallStatusChanged status -> status.callUuid() + " " + status.status();
			case MessageStatusChanged status -> status.messageUuid() + " " + status.status();
			// The sandbox journals a call's input webhook with the status "input".
			case CallInputReceived input -> input.callUuid() + " input";
			default -> "";
		}).collect(Collectors.toSet());
		List<String> acknowledgedWebhooks = new ArrayList<>();
		journal.path("entries").forEach((entry) -> {
			int result = entry.path("result").asInt(0);
			String status = entry.path("status").asString("");
			if ("webhook".equals(entry.path("kind").asString()) && result / 100 == 2 && !status.isEmpty()) {
				String id = entry.hasNonNull("call_uuid") ? entry.path("call_uuid").asString()
						: entry.path("message_uuid").asString();
				acknowledgedWebhooks.add(id + " " + status);
			}
		});
		assertThat(acknowledgedWebhooks).as("webhooks acknowledged with 2xx").hasSizeGreaterThan(20);
		assertThat(acknowledgedWebhooks).as("acknowledged webhooks missing from Kafka")
			.allSatisfy((webhook) -> assertThat(published).contains(webhook));
		return acknowledgedWebhooks.size();
	}

	/**
	 * Sessions on the surviving gateways never failed; some on the killed one did.
	 * @param killed HAProxy's name of the killed gateway ({@code X-Served-By})
	 */
	void assertOnlyTheKilledGatewaysSessionsWereLost(String killed) {
		assertThat(this.lostSessions).as("failures of sessions on the surviving gateways")
			.allSatisfy((lost) -> assertThat(lost.getKey()).as(lost.getValue()).isEqualTo(killed));
		assertThat(lostSessions(killed)).as("sessions lost with the killed gateway").isPositive();
	}

	private static Map<UUID, List<Event>> outcomesByCommand(String bootstrapServers) {
		Map<UUID, List<Event>> outcomes = new HashMap<>();
		for (Event event : events(bootstrapServers)) {
			if (event instanceof CommandAccepted || event instanceof CommandFailed || event instanceof CommandExpired
					|| event instanceof CommandOutcomeUnknown) {
				outcomes.computeIfAbsent(event.commandId(), (id) -> new ArrayList<>()).add(event);
			}
		}
		return outcomes;
	}

	static List<Event> events(String bootstrapServers) {
		List<Event> events = new ArrayList<>();
		for (ConsumerRecord<String, String> record : TopicReader.allStrings(bootstrapServers, Topics.EVENTS)) {
			events.add(json.readValue(record.value(), Event.class));
		}
		return events;
	}

}
