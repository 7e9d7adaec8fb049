package dev.telephony.benchmarks;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The baseline for the gateway's Kafka hops: an MCP server on the same stack as
 * mcp-gateway (Spring AI's WebMVC Streamable HTTP server, virtual threads) whose one tool
 * {@code send_sms} calls the provider synchronously, with the Vonage SDK, and returns its
 * answer. No validation, policy, audit, Kafka or correlation.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(BaselineTools.class)
class BaselineServer {

	static void run(String[] args) {
		new SpringApplicationBuilder(BaselineServer.class).properties("spring.config.name=baseline-mcp").run(args);
	}

	@Bean
	DirectSms directSms(@Value("${baseline.application-id}") String applicationId,
			@Value("${baseline.private-key-path}") Path privateKey,
			@Value("${baseline.api-base-url}") String apiBaseUrl,
			@Value("${baseline.callback-base-url}") String callbackBaseUrl) {
		return new DirectSms(applicationId, privateKey, apiBaseUrl, callbackBaseUrl);
	}

}
