package dev.telephony.sandbox.webhooks;

import java.net.http.HttpClient;
import java.time.Clock;

import dev.telephony.sandbox.faults.Faults;
import dev.telephony.sandbox.journal.Journal;
import dev.telephony.sandbox.auth.AccountProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhooksConfiguration {

	@Bean
	WebhookSender webhookSender(WebhookProperties properties, AccountProperties account, JsonMapper jsonMapper,
			Journal journal, Faults faults, Clock clock) {
		// Vonage does not follow redirects of webhook targets either.
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(properties.webhookTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		return new WebhookSender(httpClient, new WebhookSigner(properties, account, clock), jsonMapper, journal, faults,
				clock, properties);
	}

}
