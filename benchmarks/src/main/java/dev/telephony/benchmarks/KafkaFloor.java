package dev.telephony.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;

/**
 * (g) The Kafka floor of {@code send_sms} on this machine: the acknowledged writes and
 * consumer hand-offs that at-most-once dispatch cannot do without, alone, on the stack's
 * broker and with the services' producer settings (acks=all, linger 0), so that (a)'s
 * gateway − baseline can be read against what Kafka itself costs here.
 * <p>
 * One chain is: the command written (the gateway) → read by a consumer of every partition
 * (the dispatcher) → optionally a rate-slot claim written and read back → STARTED written
 * and acknowledged → DONE and the outcome written together and acknowledged → the outcome
 * read by a second consumer of every partition (the gateway's event stream). The provider
 * request that sits between STARTED and DONE in the real path is left out, since the
 * baseline pays it too. Chains with and without the claim alternate, one every
 * {@code --floor-period-ms}, so both see the same machine.
 */
final class KafkaFloor {

	private static final String PREFIX = "bench.floor.";

	private static final int PARTITIONS = 6;

	private final Env env;

	private final Options options;

	private final Report report;

	KafkaFloor(Env env, Options options, Report report) {
		this.env = env;
		this.options = options;
		this.report = report;
	}

	void run() throws Exception {
		int warmup = this.options.number("floor-warmup", 300);
		int chains = this.options.number("floor-chains", 900);
		int period = this.options.number("floor-period-ms", 50);
		this.report.heading("(g) The Kafka floor of send_sms: acknowledged writes and consumer hand-offs alone");
		this.report.line(chains + " chains after " + warmup + " of warm-up, one every " + period
				+ " ms, in turn without the rate-slot claim, with it before STARTED and with it beside STARTED, on the stack's broker with the services'"
				+ " producer settings (acks=all, linger.ms=0); consumers assigned every partition like the"
				+ " gateway's event stream. Chain: command written → read (dispatcher) → [claim written and read"
				+ " back] → STARTED acknowledged → DONE and outcome written together, both acknowledged → outcome"
				+ " read (gateway). No provider request, no MCP: what (a)'s gateway − baseline cannot go below.");
		String run = Long.toString(System.currentTimeMillis());
		String commands = PREFIX + "commands." + run;
		String slots = PREFIX + "slots." + run;
		String log = PREFIX + "log." + run;
		String events = PREFIX + "events." + run;
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.env.bootstrap()))) {
			// The partition counts of the real topics (the dispatcher's default, 6).
			admin
				.createTopics(List.of(new NewTopic(commands, PARTITIONS, (short) 1), new NewTopic(slots, 1, (short) 1),
						new NewTopic(log, PARTITIONS, (short) 1), new NewTopic(events, PARTITIONS, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
			try (Chains floor = new Chains(this.env.bootstrap(), commands, slots, log, events)) {
				Latency ack = new Latency("acknowledged write (acks=all), the gateway's command");
				Latency hop = new Latency("written → read by a consumer of every partition (the dispatcher)");
				Latency plain = new Latency("**chain: command → STARTED → DONE + outcome → gateway reads it**");
				Latency claimed = new Latency("**the same chain with a rate-slot claim read back before STARTED**");
				Latency overlapped = new Latency(
						"**the same chain with the claim's round trip beside STARTED's write (both before the request)**");
				Latency[] byClaim = { plain, claimed, overlapped };
				for (int i = 0; i < warmup + chains; i++) {
					Claim claim = Claim.values()[i % 3];
					Chains.Times times = floor.once(claim);
					if (i >= warmup) {
						ack.recordNanos(times.acknowledged());
						hop.recordNanos(times.read());
						byClaim[claim.ordinal()].recordNanos(times.done());
					}
					Thread.sleep(period);
				}
				this.report.table(Latency.table(ack, hop, plain, claimed, overlapped));
			}
			finally {
				admin.deleteTopics(List.of(commands, slots, log, events));
			}
		}
	}

	/** Where the rate-slot claim sits in the chain. */
	private enum Claim {

		NONE, BEFORE_STARTED, BESIDE_STARTED

	}

	/** The two roles of the chain, each with its own producer and consumers. */
	private static final class Chains implements AutoCloseable {

		/** Nanoseconds after the command was written. */
		record Times(long acknowledged, long read, long done) {
		}

		private final KafkaProducer<Long, Long> gateway;

		private final KafkaProducer<Long, Long> dispatcher;

		private final KafkaConsumer<Long, Long> dispatcherReader;

		private final KafkaConsumer<Long, Long> slotReader;

		private final KafkaConsumer<Long, Long> gatewayReader;

		private final String commands;

		private final String slots;

		private final String log;

		private final String events;

		private final BlockingQueue<Long> readByDispatcher = new LinkedBlockingQueue<>();

		private final BlockingQueue<Long> readByGateway = new LinkedBlockingQueue<>();

		private final Map<Long, CompletableFuture<Void>> claimsReadBack = new ConcurrentHashMap<>();

		private final List<Thread> threads = new ArrayList<>();

		private volatile boolean running = true;

		private volatile long readAt;

		Chains(String bootstrap, String commands, String slots, String log, String events) {
			this.commands = commands;
			this.slots = slots;
			this.log = log;
			this.events = events;
			this.gateway = producer(bootstrap);
			this.dispatcher = producer(bootstrap);
			this.dispatcherReader = consumer(bootstrap, commands, PARTITIONS);
			this.slotReader = consumer(bootstrap, slots, 1);
			this.gatewayReader = consumer(bootstrap, events, PARTITIONS);
			this.threads.add(Thread.ofPlatform()
				.name("floor-dispatcher")
				.daemon()
				.start(() -> read(this.dispatcherReader, (id) -> {
					this.readAt = System.nanoTime();
					this.readByDispatcher.add(id);
				})));
			this.threads
				.add(Thread.ofPlatform().name("floor-slots").daemon().start(() -> read(this.slotReader, (id) -> {
					CompletableFuture<Void> waiting = this.claimsReadBack.remove(id);
					if (waiting != null) {
						waiting.complete(null);
					}
				})));
			this.threads.add(Thread.ofPlatform()
				.name("floor-gateway")
				.daemon()
				.start(() -> read(this.gatewayReader, this.readByGateway::add)));
		}

		Times once(Claim claim) throws Exception {
			long id = System.nanoTime();
			long start = System.nanoTime();
			Future<RecordMetadata> written = this.gateway.send(new ProducerRecord<>(this.commands, id, id));
			written.get(10, TimeUnit.SECONDS);
			long acknowledged = System.nanoTime() - start;
			// The dispatcher's side, on this thread once the dispatcher's consumer has
			// it.
			await(this.readByDispatcher, id);
			long read = this.readAt - start;
			CompletableFuture<Void> readBack = new CompletableFuture<>();
			Future<RecordMetadata> claimed = null;
			if (claim != Claim.NONE) {
				this.claimsReadBack.put(id, readBack);
				claimed = this.dispatcher.send(new ProducerRecord<>(this.slots, 0, id, id));
			}
			if (claim == Claim.BEFORE_STARTED) {
				claimed.get(10, TimeUnit.SECONDS);
				readBack.get(10, TimeUnit.SECONDS);
			}
			this.dispatcher.send(new ProducerRecord<>(this.log, id, id)).get(10, TimeUnit.SECONDS);
			if (claim == Claim.BESIDE_STARTED) {
				claimed.get(10, TimeUnit.SECONDS);
				readBack.get(10, TimeUnit.SECONDS);
			}
			Future<RecordMetadata> done = this.dispatcher.send(new ProducerRecord<>(this.log, id, -id));
			Future<RecordMetadata> outcome = this.dispatcher.send(new ProducerRecord<>(this.events, id, id));
			done.get(10, TimeUnit.SECONDS);
			outcome.get(10, TimeUnit.SECONDS);
			await(this.readByGateway, id);
			return new Times(acknowledged, read, System.nanoTime() - start);
		}

		private static void await(BlockingQueue<Long> queue, long id) throws InterruptedException {
			while (true) {
				Long next = queue.poll(10, TimeUnit.SECONDS);
				if (next == null) {
					throw new IllegalStateException("record " + id + " was not read within 10 s");
				}
				if (next == id) {
					return;
				}
			}
		}

		private void read(KafkaConsumer<Long, Long> consumer, LongConsumer onRecord) {
			try {
				while (this.running) {
					for (ConsumerRecord<Long, Long> record : consumer.poll(Duration.ofMillis(200))) {
						onRecord.accept(record.value());
					}
				}
			}
			catch (WakeupException ex) {
				// close() ends the reader.
			}
			finally {
				consumer.close(Duration.ofSeconds(2));
			}
		}

		private static KafkaProducer<Long, Long> producer(String bootstrap) {
			Properties properties = new Properties();
			properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
			properties.put(ProducerConfig.ACKS_CONFIG, "all");
			properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
			properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, LongSerializer.class.getName());
			properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, LongSerializer.class.getName());
			return new KafkaProducer<>(properties);
		}

		private static KafkaConsumer<Long, Long> consumer(String bootstrap, String topic, int partitions) {
			Properties properties = new Properties();
			properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
			properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
			properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class.getName());
			properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class.getName());
			KafkaConsumer<Long, Long> consumer = new KafkaConsumer<>(properties);
			List<TopicPartition> assigned = new ArrayList<>();
			for (int partition = 0; partition < partitions; partition++) {
				assigned.add(new TopicPartition(topic, partition));
			}
			consumer.assign(assigned);
			consumer.seekToBeginning(assigned);
			assigned.forEach(consumer::position);
			return consumer;
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.dispatcherReader.wakeup();
			this.slotReader.wakeup();
			this.gatewayReader.wakeup();
			for (Thread thread : this.threads) {
				thread.join(5_000);
			}
			this.gateway.close(Duration.ofSeconds(2));
			this.dispatcher.close(Duration.ofSeconds(2));
		}

	}

}
