package dev.telephony.gateway.mcp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The queue in front of the virtual threads that run the gateway's requests, and how long
 * work has waited in it.
 * <p>
 * A virtual thread waits for a carrier in the scheduler's queue, and when the cores are
 * saturated that queue, not the heap, is what grows: at 3x capacity thousands of requests
 * sat there unstarted for 30 s and more (BENCHMARKS.md, run X12), each already past the
 * connection limit's check, and a call that finally ran could be placed after its client
 * had given up waiting. The age of the oldest waiting work tells
 * {@link ConnectionAdmission} when to refuse new connections; the limits on connections
 * and tool calls alone cannot, because slots fill only as the queue drains.
 * <p>
 * Jetty's acceptor and selectors stay on platform threads of their own (ADR 11): under a
 * flood they would otherwise wait in this same queue, and so would every refusal.
 */
@Component
class RequestQueue implements Executor, WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory>, Ordered {

	private final Executor threads;

	private final LongSupplier nanoTime;

	private final AtomicLong tickets = new AtomicLong();

	/** When each task still waiting for its thread was queued, in queueing order. */
	private final ConcurrentSkipListMap<Long, Long> waiting = new ConcurrentSkipListMap<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final Timer waits;

	@Autowired
	RequestQueue(MeterRegistry meters) {
		this(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jetty-request-", 0).factory()),
				System::nanoTime, meters);
	}

	RequestQueue(Executor threads, LongSupplier nanoTime, MeterRegistry meters) {
		this.threads = threads;
		this.nanoTime = nanoTime;
		this.waits = Timer.builder("telephony.mcp.requests.queue.wait")
			.description("How long request work waited for a thread before it started")
			.register(meters);
		Gauge.builder("telephony.mcp.requests.queued", this.queued, AtomicInteger::get)
			.description("Request work waiting for a thread")
			.register(meters);
		Gauge.builder("telephony.mcp.requests.queue.oldest", () -> oldestWait().toNanos() / 1e9)
			.description("How long the longest-waiting request work has waited for a thread, in seconds")
			.baseUnit("seconds")
			.register(meters);
	}

	@Override
	public void execute(Runnable task) {
		long ticket = this.tickets.incrementAndGet();
		long queuedAt = this.nanoTime.getAsLong();
		this.waiting.put(ticket, queuedAt);
		this.queued.incrementAndGet();
		try {
			this.threads.execute(() -> {
				started(ticket, queuedAt);
				task.run();
			});
		}
		catch (RuntimeException | Error ex) {
			forget(ticket);
			throw ex;
		}
	}

	private void started(long ticket, long queuedAt) {
		forget(ticket);
		this.waits.record(Math.max(0, this.nanoTime.getAsLong() - queuedAt), TimeUnit.NANOSECONDS);
	}

	/** The count beside the map: the map's own size() walks every entry. */
	private void forget(long ticket) {
		if (this.waiting.remove(ticket) != null) {
			this.queued.decrementAndGet();
		}
	}

	/**
	 * How long the work that has waited longest for a thread has waited so far; zero when
	 * nothing waits. Unlike the wait of the work started last, it grows while nothing
	 * starts at all.
	 */
	Duration oldestWait() {
		Map.Entry<Long, Long> oldest = this.waiting.firstEntry();
		if (oldest == null) {
			return Duration.ZERO;
		}
		return Duration.ofNanos(Math.max(0, this.nanoTime.getAsLong() - oldest.getValue()));
	}

	int queued() {
		return this.queued.get();
	}

	@Override
	public void customize(ConfigurableJettyWebServerFactory factory) {
		QueuedThreadPool pool = new QueuedThreadPool();
		pool.setName("jetty");
		pool.setVirtualThreadsExecutor(this);
		factory.setThreadPool(pool);
	}

	@Override
	public int getOrder() {
		// After Spring Boot's, which would set its all-virtual pool.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
