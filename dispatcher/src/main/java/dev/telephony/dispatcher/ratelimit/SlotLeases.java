package dev.telephony.dispatcher.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.telephony.schemas.RateSlotClaim;
import dev.telephony.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * The rate-slots topic as this dispatcher sees it: claims are appended, and one reader
 * thread applies every claim, its own and the others', to the book in topic order. A
 * claim is decided once the reader has applied it.
 */
class SlotLeases implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SlotLeases.class);

	private static final TopicPartition PARTITION = new TopicPartition(Topics.RATE_SLOTS, 0);

	private static final Duration CATCH_UP = Duration.ofSeconds(30);

	/** Far more than the claim horizon, so that the book knows every live claim. */
	private static final Duration LOOK_BACK = Duration.ofMinutes(1);

	private final KafkaTemplate<Object, Object> kafka;

	private final KafkaProperties kafkaProperties;

	private final JsonMapper json;

	private final SlotBook book;

	private final Clock clock;

	private final Duration timeout;

	private final Object progress = new Object();

	private long applied = -1;

	private volatile boolean running;

	/** Counted down once the reader has read what the topic held when it started. */
	private final CountDownLatch caughtUp = new CountDownLatch(1);

	private long startedAtEnd = -1;

	private volatile KafkaConsumer<String, byte[]> consumer;

	private Thread reader;

	SlotLeases(KafkaTemplate<Object, Object> kafka, KafkaProperties kafkaProperties, JsonMapper json, SlotBook book,
			Clock clock, Duration timeout) {
		this.kafka = kafka;
		this.kafkaProperties = kafkaProperties;
		this.json = json;
		this.book = book;
		this.clock = clock;
		this.timeout = timeout;
	}

	/**
	 * Appends the claim, runs {@code meanwhile} on this thread while Kafka takes the
	 * claim and the reader reads it back, then waits until the reader applied it: the
	 * book then shows which of its slots the member won. The decision is waited for even
	 * when {@code meanwhile} fails, so that the claim is settled; its failure is thrown
	 * after.
	 * @throws SlotLeasesUnavailableException when Kafka did not take or return it in time
	 */
	void decide(RateSlotClaim claim, Runnable meanwhile) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		CompletableFuture<SendResult<Object, Object>> sent = send(claim);
		RuntimeException failed = null;
		try {
			meanwhile.run();
		}
		catch (RuntimeException ex) {
			failed = ex;
		}
		try {
			awaitApplied(written(sent, deadline), deadline);
		}
		catch (SlotLeasesUnavailableException ex) {
			if (failed == null) {
				throw ex;
			}
			failed.addSuppressed(ex);
		}
		if (failed != null) {
			throw failed;
		}
	}

	/** Appends the claim without waiting for its decision. */
	long append(RateSlotClaim claim) {
		return written(send(claim), System.nanoTime() + this.timeout.toNanos());
	}

	private CompletableFuture<SendResult<Object, Object>> send(RateSlotClaim claim) {
		return this.kafka.send(new ProducerRecord<>(Topics.RATE_SLOTS, 0, claim.member(), claim));
	}

	private static long written(CompletableFuture<SendResult<Object, Object>> sent, long deadline) {
		try {
			return sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
				.getRecordMetadata()
				.offset();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SlotLeasesUnavailableException("interrupted while claiming a slot", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new SlotLeasesUnavailableException("the claim could not be written", ex);
		}
	}

	private void awaitApplied(long offset, long deadline) {
		synchronized (this.progress) {
			while (this.applied < offset) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new SlotLeasesUnavailableException("the claim was not read back in " + this.timeout, null);
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.progress, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new SlotLeasesUnavailableException("interrupted while waiting for a claim", ex);
				}
			}
		}
	}

	@Override
	public void start() {
		Map<String, Object> config = this.kafkaProperties.buildConsumerProperties();
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
		this.running = true;
		this.reader = Thread.ofPlatform().name("rate-slots").daemon().start(this::read);
		// Commands start flowing when this returns: with the claims of the last minute
		// read, the first claims are decided without waiting for the reader to start.
		try {
			if (!this.caughtUp.await(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("The rate-slots topic was not read to its end in {}; claims wait until it is", CATCH_UP);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void read() {
		KafkaConsumer<String, byte[]> slots = this.consumer;
		try (slots) {
			slots.assign(List.of(PARTITION));
			boolean positioned = false;
			while (this.running) {
				try {
					if (!positioned) {
						seekToLookBack(slots);
						positioned = true;
					}
					for (ConsumerRecord<String, byte[]> record : slots.poll(Duration.ofMillis(200))) {
						apply(record);
					}
					long position = slots.position(PARTITION);
					// Past the last record too: a claim appended before the reader's
					// start position must not be waited for forever.
					advanceTo(position - 1);
					if (position >= this.startedAtEnd) {
						this.caughtUp.countDown();
					}
				}
				catch (WakeupException ex) {
					return;
				}
				catch (KafkaException ex) {
					// Kafka is away: no claim is decided meanwhile, so nothing is sent.
					logger.warn("Reading the rate-slots topic failed, trying again: {}", ex.toString());
					pause();
				}
			}
		}
	}

	private void seekToLookBack(KafkaConsumer<String, byte[]> slots) {
		this.startedAtEnd = slots.endOffsets(List.of(PARTITION)).get(PARTITION);
		OffsetAndTimestamp from = slots
			.offsetsForTimes(Map.of(PARTITION, this.clock.instant().minus(LOOK_BACK).toEpochMilli()))
			.get(PARTITION);
		if (from != null) {
			slots.seek(PARTITION, from.offset());
		}
		else {
			slots.seekToEnd(List.of(PARTITION));
		}
	}

	private void pause() {
		try {
			Thread.sleep(Duration.ofSeconds(1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private void apply(ConsumerRecord<String, byte[]> record) {
		try {
			this.book.apply(this.json.readValue(record.value(), RateSlotClaim.class), record.timestamp() * 1_000_000L);
		}
		catch (RuntimeException ex) {
			// A record nobody can read claims nothing.
			logger.warn("Ignored unreadable rate-slot claim at offset {}: {}", record.offset(), ex.toString());
		}
		advanceTo(record.offset());
	}

	private void advanceTo(long offset) {
		synchronized (this.progress) {
			if (offset > this.applied) {
				this.applied = offset;
				this.progress.notifyAll();
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		KafkaConsumer<String, byte[]> slots = this.consumer;
		if (slots != null) {
			slots.wakeup();
		}
		if (this.reader != null) {
			try {
				this.reader.join(Duration.ofSeconds(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before the commands' listener containers start, after they stop. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}

	/** No slot can be claimed: Kafka is unreachable, or the reader is not keeping up. */
	public static class SlotLeasesUnavailableException extends RuntimeException {

		SlotLeasesUnavailableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
