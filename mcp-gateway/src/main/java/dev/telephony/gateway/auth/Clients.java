package dev.telephony.gateway.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * The clients allowed on /mcp, by the SHA-256 of their token. Only hashes are kept: a
 * heap dump or a leaked configuration file does not reveal a usable token. Tokens are
 * long random strings, so an unsalted fast hash is enough; the lookup is by hash, whose
 * timing tells an attacker nothing about any valid token.
 */
@Component
public class Clients {

	private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

	private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private final Map<String, String> namesByHash = new HashMap<>();

	Clients(AuthProperties properties) {
		properties.tokens().forEach((name, hash) -> add(name, hash, "telephony.gateway.auth.tokens." + name));
		if (properties.tokenFile() != null) {
			readTokenFile(properties);
		}
		for (String entry : properties.plainTokens().split(",")) {
			if (entry.isBlank()) {
				continue;
			}
			int equals = entry.indexOf('=');
			if (equals <= 0 || equals == entry.length() - 1) {
				throw new IllegalStateException(
						"MCP_AUTH_TOKENS entries must look like name=token; one entry has no name or no token");
			}
			add(entry.substring(0, equals).strip(), sha256(entry.substring(equals + 1).strip()), "MCP_AUTH_TOKENS");
		}
	}

	/** The name of the client holding {@code token}, if it is one of ours. */
	Optional<String> authenticate(String token) {
		return Optional.ofNullable(this.namesByHash.get(sha256(token)));
	}

	public boolean none() {
		return this.namesByHash.isEmpty();
	}

	public int count() {
		return this.namesByHash.size();
	}

	/** The hex SHA-256 of a token, as written in configuration. */
	public static String sha256(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	private void readTokenFile(AuthProperties properties) {
		try {
			int lineNumber = 0;
			for (String line : Files.readAllLines(properties.tokenFile(), StandardCharsets.UTF_8)) {
				lineNumber++;
				String content = line.strip();
				if (content.isEmpty() || content.startsWith("#")) {
					continue;
				}
				String[] fields = content.split("\\s+");
				if (fields.length != 2) {
					throw new IllegalStateException(properties.tokenFile() + " line " + lineNumber
							+ ": expected '<name> <sha256-hex>', found " + fields.length + " fields");
				}
				add(fields[0], fields[1], properties.tokenFile() + " line " + lineNumber);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the MCP token file " + properties.tokenFile(), ex);
		}
	}

	private void add(String name, String hash, String source) {
		if (!CLIENT_NAME.matcher(name).matches()) {
			throw new IllegalStateException(source + ": a client name is 1 to 64 letters, digits, '.', '_' or '-'");
		}
		String normalised = hash.strip().toLowerCase(Locale.ROOT);
		if (!SHA256_HEX.matcher(normalised).matches()) {
			throw new IllegalStateException(source + ": expected the token's SHA-256 as 64 hex digits"
					+ " (printf %s \"$TOKEN\" | sha256sum), not the token itself");
		}
		String previous = this.namesByHash.putIfAbsent(normalised, name);
		if (previous != null && !previous.equals(name)) {
			throw new IllegalStateException(
					source + ": the same token is configured for both '" + previous + "' and '" + name + "'");
		}
	}

}
