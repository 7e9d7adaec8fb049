package dev.telephony.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The one user of the local authorization server, so that the OAuth flow can be tried on
 * this machine: {@code local}, with a random password made at the first run and kept in
 * the data folder (readable by its owner only). The server is given only its hash.
 */
final class LocalSignIn {

	static final String USER = "local";

	static final String PASSWORD_FILE = "local-password";

	private final Path dir;

	LocalSignIn(Path dir) {
		this.dir = dir;
	}

	/** The account, making its password if there is none yet. */
	Account ensure() throws IOException {
		Files.createDirectories(this.dir);
		Path file = this.dir.resolve(PASSWORD_FILE);
		if (!Files.isRegularFile(file)) {
			byte[] random = new byte[18];
			new SecureRandom().nextBytes(random);
			Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n",
					StandardCharsets.UTF_8);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// Not a POSIX file system: the data folder's own permissions have to do.
			}
		}
		String password = Files.readString(file, StandardCharsets.UTF_8).strip();
		if (password.isEmpty()) {
			throw new IOException(file + " is empty: delete it, and a new password is made at the next start");
		}
		return new Account(USER, new BCryptPasswordEncoder().encode(password), file);
	}

	/**
	 * @param user the user name to sign in with
	 * @param passwordHash its BCrypt hash, for the authorization server
	 * @param passwordFile where the password itself is
	 */
	record Account(String user, String passwordHash, Path passwordFile) {

	}

}
