package dev.telephony.dispatcher.vonage;

import java.nio.charset.StandardCharsets;

import com.vonage.client.HttpConfig;
import com.vonage.client.HttpWrapper;
import com.vonage.client.VonageClient;
import com.vonage.client.messages.MessagesClient;
import com.vonage.client.voice.VoiceClient;
import dev.telephony.dispatcher.ratelimit.RateLimits;
import org.apache.http.HttpRequestInterceptor;
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

	@Bean
	VonageClient vonageClient(VonageProperties properties, RateLimits rateLimits, SerialSigning signing) {
		return vonageClient(properties, rateLimits::awaitSendTime, signing);
	}

	VonageClient vonageClient(VonageProperties properties, Runnable awaitSendTime, SerialSigning signing) {
		HttpConfig http = HttpConfig.builder()
			.apiBaseUri(properties.apiBaseUrl().toString())
			.timeoutMillis((int) properties.timeout().toMillis())
			.build();
		VonageClient.Builder client = VonageClient.builder()
			.applicationId(properties.applicationId())
			.httpConfig(http)
			.httpClient(pacedHttpClient(http, awaitSendTime, signing));
		if (!properties.privateKey().isBlank()) {
			client.privateKeyContents(properties.privateKey());
		}
		else {
			client.privateKeyPath(properties.privateKeyPath());
		}
		logger.info("Vonage API at {}; webhooks to {}", properties.apiBaseUrl(), properties.callbackBaseUrl());
		return client.build();
	}

	/**
	 * The SDK's own client settings, with requests written in their rate slots. Retries
	 * of requests that never left stay on: each takes a slot of its own. The first
	 * interceptor sees the request signed, before the connection is leased.
	 */
	private static CloseableHttpClient pacedHttpClient(HttpConfig http, Runnable awaitSendTime, SerialSigning signing) {
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
			.addInterceptorFirst((HttpRequestInterceptor) (request, context) -> signing.signed())
			.setRequestExecutor(new PacedRequestExecutor(awaitSendTime))
			.useSystemProperties()
			.disableRedirectHandling()
			.build();
	}

	@Bean
	MessagesClient messagesClient(VonageClient vonageClient) {
		return vonageClient.getMessagesClient();
	}

	@Bean
	VoiceClient voiceClient(VonageClient vonageClient) {
		return vonageClient.getVoiceClient();
	}

}
