package dev.telephony.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.telephony.localstack.LocalSignIn.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalSignInTests {

	@Test
	void aPasswordIsMadeOnceKeptPrivateAndOnlyItsHashHandedOn(@TempDir Path dir) throws IOException {
		Account first = new LocalSignIn(dir.resolve("auth")).ensure();
		String password = Files.readString(first.passwordFile()).strip();
		assertThat(password).hasSizeGreaterThanOrEqualTo(20);
		assertThat(Files.getPosixFilePermissions(first.passwordFile()))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(first.user()).isEqualTo("local");
		assertThat(first.passwordHash()).startsWith("$2a$").doesNotContain(password);
		assertThat(new BCryptPasswordEncoder().matches(password, first.passwordHash())).isTrue();

		Account again = new LocalSignIn(dir.resolve("auth")).ensure();
		assertThat(Files.readString(again.passwordFile()).strip()).isEqualTo(password);
		assertThat(new BCryptPasswordEncoder().matches(password, again.passwordHash())).isTrue();
	}

	@Test
	void anEmptiedPasswordFileIsRefusedWithWhatToDo(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve(LocalSignIn.PASSWORD_FILE), "\n");
		assertThatThrownBy(() -> new LocalSignIn(dir).ensure()).isInstanceOf(IOException.class)
			.hasMessageContaining("delete it");
	}

}
