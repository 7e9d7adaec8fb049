package dev.telephony.sandbox.limits;

import dev.telephony.sandbox.system.SandboxProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

	@Bean
	WebMvcConfigurer rateLimits(SandboxProperties properties) {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				// After authentication: requests Vonage cannot attribute to an account
				// are
				// refused with 401 without using up the account's rate.
				registry.addInterceptor(new RateLimitInterceptor(properties.limits().createCallPerSecond()))
					.addPathPatterns("/v1/calls")
					.order(10);
				registry.addInterceptor(new RateLimitInterceptor(properties.limits().messagesPerSecond()))
					.addPathPatterns("/v1/messages")
					.order(10);
			}

		};
	}

}
