package dev.telephony.authserver.login;

import java.util.Set;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Lets in only the listed users of an upstream OpenID provider. Signing in there proves
 * who someone is, not that they may use this gateway's phone number.
 */
public final class UpstreamUserPolicy implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private final OidcUserService delegate = new OidcUserService();

	private final Set<String> allowed;

	public UpstreamUserPolicy(LoginProperties properties) {
		this.allowed = Set.copyOf(properties.upstreamUsers());
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser user = this.delegate.loadUser(request);
		boolean emailAllowed = user.getEmail() != null && Boolean.TRUE.equals(user.getEmailVerified())
				&& this.allowed.contains(user.getEmail());
		if (!this.allowed.contains(user.getName()) && !emailAllowed) {
			throw new OAuth2AuthenticationException(
					new OAuth2Error("access_denied", "This account may not use the gateway", null));
		}
		return user;
	}

}
