package dev.telephony.gateway.system;

import java.util.concurrent.Executors;

import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Jetty's threads and its listen backlog.
 */
@Configuration(proxyBeanMethods = false)
class WebServerConfiguration {

	/**
	 * Jetty leaves the backlog to the JDK's default of 50, and LLM hosts open a
	 * connection per concurrent tool call: a burst of a few hundred overflowed it, and
	 * the kernel's dropped handshakes surfaced as connections closed before any answer.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> acceptQueue(
			@Value("${telephony.gateway.accept-queue:4096}") int acceptQueue) {
		return (factory) -> factory.addServerCustomizers((server) -> {
			for (var connector : server.getConnectors()) {
				if (connector instanceof ServerConnector serverConnector) {
					serverConnector.setAcceptQueueSize(acceptQueue);
				}
			}
		});
	}

	/**
	 * Requests run on virtual threads, Jetty's acceptor and selectors on platform threads
	 * of their own. Spring Boot's virtual-thread pool runs them all on virtual threads,
	 * and under a flood the acceptor and selectors then wait in the scheduler's queue
	 * behind thousands of requests: a connection past the limit was answered its 503
	 * after 25 s at the median (BENCHMARKS.md, run X2). On platform threads the kernel
	 * schedules them beside the carriers, and the refusal, written by the selector, goes
	 * out at once.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> platformSelectors() {
		return new PlatformSelectors();
	}

	private static final class PlatformSelectors
			implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory>, Ordered {

		@Override
		public void customize(ConfigurableJettyWebServerFactory factory) {
			QueuedThreadPool pool = new QueuedThreadPool();
			pool.setName("jetty");
			pool.setVirtualThreadsExecutor(
					Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jetty-request-", 0).factory()));
			factory.setThreadPool(pool);
		}

		@Override
		public int getOrder() {
			// After Spring Boot's, which would set its all-virtual pool.
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
