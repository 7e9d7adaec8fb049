package dev.telephony.authserver.consent;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import dev.telephony.authserver.scopes.GatewayScope;
import dev.telephony.authserver.tokens.ResourceIndicators;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The page where a signed-in user approves or denies a client's access. Spring sends the
 * user here with the client, the scopes and the state of the pending authorization; the
 * resource the token would be for is read from that authorization, since Spring does not
 * pass it on. The page's forms post back to Spring's authorization endpoint.
 */
@Controller
class ConsentController {

	static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationService authorizations;

	ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationService authorizations) {
		this.clients = clients;
		this.authorizations = authorizations;
	}

	@GetMapping(ConsentPages.CONSENT)
	String consent(Principal user, @RequestParam(OAuth2ParameterNames.CLIENT_ID) String clientId,
			@RequestParam(name = OAuth2ParameterNames.SCOPE, defaultValue = "") String scope,
			@RequestParam(OAuth2ParameterNames.STATE) String state, Model model) {
		RegisteredClient client = this.clients.findByClientId(clientId);
		OAuth2Authorization pending = this.authorizations.findByToken(state, STATE);
		if (client == null || pending == null || !pending.getRegisteredClientId().equals(client.getId())
				|| !pending.getPrincipalName().equals(user.getName())) {
			// Nothing is waiting for this user's answer: an old tab or a made-up link.
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		List<RequestedScope> scopes = new ArrayList<>();
		for (String value : scope.split(" ")) {
			if (!value.isBlank()) {
				scopes.add(new RequestedScope(value,
						GatewayScope.of(value)
							.map(GatewayScope::description)
							.orElse("Use the permission called \"" + value + "\"")));
			}
		}
		model.addAttribute("clientId", clientId);
		model.addAttribute("clientName", client.getClientName());
		model.addAttribute("resource", ResourceIndicators.ofAuthorizationRequest(pending));
		model.addAttribute("scopes", scopes);
		model.addAttribute("state", state);
		model.addAttribute("user", user.getName());
		return "consent";
	}

	record RequestedScope(String value, String description) {
	}

}
