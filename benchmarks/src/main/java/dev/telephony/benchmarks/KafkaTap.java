package dev.telephony.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the commands and events topics from their current end, like a gateway does (all
 * partitions, no group), and keeps the timestamps the services put on them: when the
 * gateway created a command, when the dispatcher began the provider request, when ingest
 * received a webhook.
 */
final class KafkaTap implements AutoCloseable {

	static final String COMMANDS = "telephony.commands.v1";

	static final String EVENTS = "telephony.events.v1";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final KafkaConsumer<String, String> consumer;

	private final Thread thread;

	private volatile boolean running = true;

	/** Command id → when the gateway created the command. */
	private final Map<String, Instant> created = new ConcurrentHashMap<>();

	/** Command id → when the dispatcher began the provider request that succeeded. */
	private final Map<String, Instant> providerStarted = new ConcurrentHashMap<>();

	/**
	 * Command id → when this tap read the outcome that the provider accepted it: when a
	 * gateway's event stream could have read it too.
	 */
	private final Map<String, Instant> outcomeRead = new ConcurrentHashMap<>();

	/** Command id → when ingest received the call's input webhook. */
	private final Map<String, Instant> inputReceived = new ConcurrentHashMap<>();

	/** Inbound messages: sender and when ingest received them. */
	private final List<Inbound> inbound = new CopyOnWriteArrayList<>();

	/** Event type → how many were read. */
	private final Map<String, Integer> counts = new ConcurrentHashMap<>();

	/**
	 * An inbound message event.
	 *
	 * @param from the sender's digits
	 * @param receivedAt when ingest received the webhook
	 */
	record Inbound(String from, Instant receivedAt) {
	}

	KafkaTap(String bootstrap) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
		this.consumer = new KafkaConsumer<>(properties);
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : List.of(COMMANDS, EVENTS)) {
			for (PartitionInfo info : this.consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
				partitions.add(new TopicPartition(topic, info.partition()));
			}
		}
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		// Resolve the positions now, so nothing published from here on is missed.
		partitions.forEach(this.consumer::position);
		this.thread = Thread.ofPlatform().name("kafka-tap").daemon().start(this::poll);
	}

	private void poll() {
		while (this.running) {
			for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(100))) {
				try {
					read(json.readTree(record.value()));
				}
				catch (RuntimeException ex) {
					// not JSON: not ours to judge here
				}
			}
		}
		this.consumer.close(Duration.ofSeconds(2));
	}

	private void read(JsonNode value) {
		String type = value.path("type").asString("");
		this.counts.merge(type, 1, Integer::sum);
		String commandId = value.path("commandId").asString(null);
		switch (type) {
			case "send-sms", "place-call", "hangup-call", "continue-call" ->
				this.created.put(commandId, Instant.parse(value.path("createdAt").asString()));
			case "command-accepted" -> {
				this.outcomeRead.put(commandId, Instant.now());
				this.providerStarted.put(commandId, Instant.parse(value.path("occurredAt").asString()));
			}
			case "call-input-received" ->
				this.inputReceived.putIfAbsent(commandId, Instant.parse(value.path("receivedAt").asString()));
			case "inbound-message" -> this.inbound
				.add(new Inbound(value.path("from").asString(), Instant.parse(value.path("receivedAt").asString())));
			default -> {
			}
		}
	}

	Instant created(String commandId) {
		return this.created.get(commandId);
	}

	Instant providerStarted(String commandId) {
		return this.providerStarted.get(commandId);
	}

	Instant outcomeRead(String commandId) {
		return this.outcomeRead.get(commandId);
	}

	Instant inputReceived(String commandId) {
		return this.inputReceived.get(commandId);
	}

	List<Inbound> inbound() {
		return List.copyOf(this.inbound);
	}

	Map<String, Integer> counts() {
		return Map.copyOf(this.counts);
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(5000);
	}

}
