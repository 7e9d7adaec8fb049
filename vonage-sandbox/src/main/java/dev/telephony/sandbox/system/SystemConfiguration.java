package dev.telephony.sandbox.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

	// One clock for journal times and webhook timestamps, replaceable in tests.
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
