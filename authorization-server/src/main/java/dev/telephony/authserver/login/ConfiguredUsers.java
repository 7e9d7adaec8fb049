package dev.telephony.authserver.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The users of {@code telephony.auth.users}, with the encoder that checks their hashes.
 */
public final class ConfiguredUsers {

	private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

	private ConfiguredUsers() {
	}

	/**
	 * Spring's delegating encoder, which also reads a bare BCrypt hash, the form
	 * {@code htpasswd -B} and most tools print.
	 */
	public static PasswordEncoder passwordEncoder() {
		DelegatingPasswordEncoder encoder = (DelegatingPasswordEncoder) PasswordEncoderFactories
			.createDelegatingPasswordEncoder();
		encoder.setDefaultPasswordEncoderForMatches(new BCryptPasswordEncoder());
		return encoder;
	}

	/**
	 * @throws IllegalArgumentException for a value that is no hash, most likely a plain
	 * password, which must not sit in a configuration file
	 */
	public static UserDetailsService of(LoginProperties properties) {
		List<UserDetails> users = new ArrayList<>();
		for (Map.Entry<String, String> user : properties.users().entrySet()) {
			String hash = user.getValue().trim();
			if (!hash.startsWith("{") && !BCRYPT.matcher(hash).matches()) {
				throw new IllegalArgumentException("telephony.auth.users." + user.getKey()
						+ " is not a password hash; set it to a BCrypt hash, such as `htpasswd -nbBC 12 '' PASSWORD | tr -d ':'` prints");
			}
			users.add(User.withUsername(user.getKey()).password(hash).roles("USER").build());
		}
		return new InMemoryUserDetailsManager(users);
	}

}
