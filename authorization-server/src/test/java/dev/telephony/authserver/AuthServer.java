package dev.telephony.authserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The application started on a free port with one user, alice, on a given data dir. */
final class AuthServer implements AutoCloseable {

	static final String USER = "alice";

	static final String PASSWORD = "correct horse";

	// BCrypt (cost 4, to keep tests quick) of PASSWORD.
	static final String PASSWORD_HASH = "$2a$04$J01PNzFjNUFSTEf4comdN.Yoi7fYmmlKNQNKmyzP4RxWLrJwtLUyq";

	private final ConfigurableApplicationContext context;

	private AuthServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static AuthServer start(Path dataDir, String... extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--telephony.auth.data-dir=" + dataDir,
				"--telephony.auth.users." + USER + "=" + PASSWORD_HASH));
		args.addAll(List.of(extra));
		return new AuthServer(AuthorizationServerApplication.builder().run(args.toArray(String[]::new)));
	}

	String url(String path) {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return "http://127.0.0.1:" + port + path;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
