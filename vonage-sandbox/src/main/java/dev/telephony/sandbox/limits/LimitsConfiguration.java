package dev.telephony.sandbox.limits;

import java.time.Clock;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

	@Bean
	WebMvcConfigurer rateLimits(LimitProperties limits, Clock clock) {
		// Monotonic nanoTime for windows; journal instants: Clock at startup + elapsed.
		AdmissionClock admissions = new AdmissionClock(clock, System::nanoTime);
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				// After authentication: requests Vonage cannot attribute to an account
				// are refused with 401 without using up the account's rate.
				registry.addInterceptor(limiter(limits.createCallPerSecond(), admissions))
					.addPathPatterns("/v1/calls")
					.order(10);
				registry.addInterceptor(limiter(limits.messagesPerSecond(), admissions))
					.addPathPatterns("/v1/messages")
					.order(10);
			}

		};
	}

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> arrivalTimes() {
		return (factory) -> factory.addEngineValves(new ArrivalValve());
	}

	private static RateLimitInterceptor limiter(int perSecond, AdmissionClock admissions) {
		return new RateLimitInterceptor(new SlidingWindow(perSecond, admissions::nanoTime), admissions);
	}

}
