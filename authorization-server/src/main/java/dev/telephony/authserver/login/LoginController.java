package dev.telephony.authserver.login;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The sign-in page: the password form, and a link per upstream provider if any. */
@Controller
class LoginController {

	private final List<Provider> providers;

	LoginController(ObjectProvider<ClientRegistrationRepository> registrations) {
		List<Provider> providers = new ArrayList<>();
		if (registrations.getIfAvailable() instanceof Iterable<?> all) {
			for (Object registration : all) {
				if (registration instanceof ClientRegistration client) {
					providers.add(new Provider(client.getClientName(),
							"/oauth2/authorization/" + client.getRegistrationId()));
				}
			}
		}
		this.providers = List.copyOf(providers);
	}

	@GetMapping(LoginPages.LOGIN)
	String login(Model model) {
		model.addAttribute("providers", this.providers);
		return "login";
	}

	// Any method: the refused request was the form's POST, forwarded here.
	@RequestMapping(LoginPages.RATE_LIMITED)
	String rateLimited(Model model, HttpServletResponse response) {
		response.setStatus(429);
		model.addAttribute("providers", this.providers);
		model.addAttribute("rateLimited", true);
		return "login";
	}

	record Provider(String name, String url) {
	}

}
