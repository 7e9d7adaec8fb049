package dev.telephony.dispatcher.vonage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import com.vonage.client.HttpConfig;
import com.vonage.client.HttpWrapper;
import com.vonage.client.auth.AuthCollection;
import com.vonage.client.auth.NoAuthMethod;
import com.vonage.client.messages.MessagesClient;
import com.vonage.client.voice.VoiceClient;
import dev.telephony.dispatcher.ratelimit.RateLimits;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.ConnectionConfig;
import org.apache.http.config.SocketConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VonageConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(VonageConfiguration.class);

	/**
	 * The SDK's HTTP layer, as {@code VonageClient.builder()} would make it but with a
	 * token that is reused for its lifetime (see {@link ReusedToken}); the builder offers
	 * no way to set the authentication.
	 */
	@Bean
	HttpWrapper vonageHttp(VonageProperties properties, TokenProperties token, Clock clock, RateLimits rateLimits) {
		return vonageHttp(properties, token, clock, rateLimits::awaitSendTime);
	}

	HttpWrapper vonageHttp(VonageProperties properties, TokenProperties token, Clock clock, Runnable awaitSendTime) {
		HttpConfig http = HttpConfig.builder()
			.apiBaseUri(properties.apiBaseUrl().toString())
			.timeoutMillis((int) properties.timeout().toMillis())
			.build();
		AuthCollection auth = new AuthCollection(new NoAuthMethod(),
				new ReusedToken(properties.applicationId(), privateKey(properties), token, clock));
		logger.info("Vonage API at {}; webhooks to {}", properties.apiBaseUrl(), properties.callbackBaseUrl());
		return new HttpWrapper(http, auth, pacedHttpClient(http, awaitSendTime));
	}

	private static byte[] privateKey(VonageProperties properties) {
		if (!properties.privateKey().isBlank()) {
			return properties.privateKey().getBytes(StandardCharsets.UTF_8);
		}
		try {
			return Files.readAllBytes(Path.of(properties.privateKeyPath()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the Vonage private key " + properties.privateKeyPath(), ex);
		}
	}

	/**
	 * The SDK's own client settings, with requests written in their rate slots. Retries
	 * of requests that never left stay on: each takes a slot of its own.
	 */
	private static CloseableHttpClient pacedHttpClient(HttpConfig http, Runnable awaitSendTime) {
		PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager();
		connections.setDefaultMaxPerRoute(200);
		connections.setMaxTotal(200);
		connections.setDefaultConnectionConfig(ConnectionConfig.custom().setCharset(StandardCharsets.UTF_8).build());
		connections.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build());
		RequestConfig timeouts = RequestConfig.custom()
			.setConnectTimeout(http.getTimeoutMillis())
			.setConnectionRequestTimeout(http.getTimeoutMillis())
			.setSocketTimeout(http.getTimeoutMillis())
			.build();
		return HttpClientBuilder.create()
			.setConnectionManager(connections)
			.setUserAgent(new HttpWrapper(http).getUserAgent())
			.setDefaultRequestConfig(timeouts)
			.setRequestExecutor(new PacedRequestExecutor(awaitSendTime))
			.useSystemProperties()
			.disableRedirectHandling()
			.build();
	}

	@Bean
	MessagesClient messagesClient(HttpWrapper vonageHttp) {
		return new MessagesClient(vonageHttp);
	}

	@Bean
	VoiceClient voiceClient(HttpWrapper vonageHttp) {
		return new VoiceClient(vonageHttp);
	}

}
