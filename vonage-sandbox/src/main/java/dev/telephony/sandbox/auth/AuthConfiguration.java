package dev.telephony.sandbox.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

	@Bean
	ApiAuthenticator apiAuthenticator(AccountProperties properties) {
		return new ApiAuthenticator(properties, PublicKeyPem.load(properties));
	}

	@Bean
	WebMvcConfigurer apiAuthentication(ApiAuthenticator authenticator) {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				// Everything under /v1 is a simulated Vonage API; /_sandbox and /actuator
				// are not.
				registry.addInterceptor(new AuthenticationInterceptor(authenticator)).addPathPatterns("/v1/**");
			}

		};
	}

}
