package dev.telephony.authserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server from Debian's binaries
 * ({@code /usr/lib/postgresql/<n>/bin}, the newest there), in a temporary directory,
 * listening on 127.0.0.1 only on a free port, its unix socket inside that directory.
 * initdb refuses to run as root, so as root (as CI runs) the server's commands run as the
 * {@code postgres} user, who then owns the directory.
 */
final class PostgresServer implements AutoCloseable {

	static final String USER = "auth";

	private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

	private final Path bin;

	private final Path dir;

	private final boolean asPostgresUser;

	private final String password = UUID.randomUUID().toString();

	private int port;

	private boolean running;

	private PostgresServer(Path bin, Path dir, boolean asPostgresUser) {
		this.bin = bin;
		this.dir = dir;
		this.asPostgresUser = asPostgresUser;
	}

	/** The newest Debian PostgreSQL with its server binaries, if any. */
	static Optional<Path> binaries() {
		if (!Files.isDirectory(DEBIAN)) {
			return Optional.empty();
		}
		try (Stream<Path> versions = Files.list(DEBIAN)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Stream.of("initdb", "pg_ctl", "postgres")
					.allMatch((command) -> Files.isExecutable(bin.resolve(command))))
				.max(Comparator.comparing(PostgresServer::versionOf));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** Makes a cluster and starts it; stops and deletes it again if it fails to start. */
	static PostgresServer start(Path bin) throws IOException, InterruptedException {
		boolean root = isRoot();
		PostgresServer server = new PostgresServer(bin, Files.createTempDirectory("auth-postgres-"), root);
		try {
			server.initAndStart();
			return server;
		}
		catch (IOException | InterruptedException | RuntimeException | Error ex) {
			server.close();
			throw ex;
		}
	}

	private void initAndStart() throws IOException, InterruptedException {
		Path passwordFile = this.dir.resolve("password");
		Files.writeString(passwordFile, this.password + "\n");
		Files.createDirectory(this.dir.resolve("socket"));
		if (this.asPostgresUser) {
			UserPrincipalLookupService users = this.dir.getFileSystem().getUserPrincipalLookupService();
			GroupPrincipal group = users.lookupPrincipalByGroupName("postgres");
			for (Path path : List.of(this.dir, passwordFile, this.dir.resolve("socket"))) {
				PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
				view.setOwner(users.lookupPrincipalByName("postgres"));
				view.setGroup(group);
			}
		}
		Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
		run(this.bin.resolve("initdb").toString(), "--pgdata=" + data(), "--username=" + USER,
				"--pwfile=" + passwordFile, "--auth-host=scram-sha-256", "--auth-local=trust", "--encoding=UTF8",
				"--locale=C", "--no-sync");
		// A free port may be taken between finding and binding it: try another then.
		for (int attempt = 1;; attempt++) {
			this.port = freePort();
			String options = "-c listen_addresses=127.0.0.1 -p " + this.port + " -k " + this.dir.resolve("socket")
					+ " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
			try {
				run(this.bin.resolve("pg_ctl").toString(), "start", "--pgdata=" + data(), "--wait", "--timeout=60",
						"--log=" + this.dir.resolve("server.log"), "--options=" + options);
				this.running = true;
				return;
			}
			catch (IllegalStateException ex) {
				if (attempt == 3) {
					throw new IllegalStateException(ex.getMessage() + "\nserver log:\n" + log(), ex);
				}
			}
		}
	}

	/** Creates an empty database; returns its JDBC URL. */
	String createDatabase(String name) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		return jdbcUrl(name);
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	String password() {
		return this.password;
	}

	/** The authorization server's arguments for a database of this server. */
	String[] datasourceArgs(String database) {
		return new String[] { "--spring.datasource.url=" + jdbcUrl(database), "--spring.datasource.username=" + USER,
				"--spring.datasource.password=" + this.password };
	}

	Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(database), USER, this.password);
	}

	@Override
	public void close() {
		try {
			if (this.running) {
				stop("fast");
			}
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			try {
				stop("immediate");
			}
			catch (IOException | InterruptedException | RuntimeException ignored) {
				// Reported below with the first failure.
			}
			throw new IllegalStateException("Could not stop PostgreSQL in " + this.dir, ex);
		}
		finally {
			delete(this.dir);
		}
	}

	private void stop(String mode) throws IOException, InterruptedException {
		run(this.bin.resolve("pg_ctl").toString(), "stop", "--pgdata=" + data(), "--mode=" + mode, "--wait",
				"--timeout=60");
		this.running = false;
	}

	private Path data() {
		return this.dir.resolve("data");
	}

	private String log() {
		try {
			return Files.readString(this.dir.resolve("server.log"));
		}
		catch (IOException ex) {
			return "(none)";
		}
	}

	/** Runs a PostgreSQL command, as the postgres user when this process is root. */
	private void run(String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>();
		if (this.asPostgresUser) {
			line.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		line.addAll(List.of(command));
		Path output = Files.createTempFile("auth-postgres-command-", ".log");
		try {
			Process process = new ProcessBuilder(line).directory(this.dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", line) + " did not finish in 90s");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", line) + " exited with " + process.exitValue() + ":\n"
						+ Files.readString(output, StandardCharsets.UTF_8));
			}
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static boolean isRoot() {
		try {
			Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
			String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
			id.waitFor(10, TimeUnit.SECONDS);
			return "0".equals(uid);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

	private static double versionOf(Path bin) {
		try {
			return Double.parseDouble(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static void delete(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + dir, ex);
		}
	}

}
