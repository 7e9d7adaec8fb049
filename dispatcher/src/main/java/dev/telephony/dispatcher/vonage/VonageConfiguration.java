package dev.telephony.dispatcher.vonage;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.messages.MessagesClient;
import com.vonage.client.voice.VoiceClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VonageConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(VonageConfiguration.class);

	@Bean
	VonageClient vonageClient(VonageProperties properties) {
		HttpConfig http = HttpConfig.builder()
			.apiBaseUri(properties.apiBaseUrl().toString())
			.timeoutMillis((int) properties.timeout().toMillis())
			.build();
		VonageClient.Builder client = VonageClient.builder().applicationId(properties.applicationId()).httpConfig(http);
		if (!properties.privateKey().isBlank()) {
			client.privateKeyContents(properties.privateKey());
		}
		else {
			client.privateKeyPath(properties.privateKeyPath());
		}
		logger.info("Vonage API at {}; webhooks to {}", properties.apiBaseUrl(), properties.callbackBaseUrl());
		return client.build();
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
