package dev.telephony.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * docker/haproxy/haproxy.cfg, made to run on this machine: the same frontends, backends,
 * stick tables and checks, with the replicas Docker's DNS would find written out as
 * loopback servers, and every bind moved by the port offset.
 */
final class HaproxyConfig {

	// What only Docker's DNS discovery needs; a loopback server has a fixed address.
	private static final String DNS_ONLY_SERVER_OPTIONS = "init-addr none resolvers docker resolve-prefer ipv4 ";

	private HaproxyConfig() {
	}

	/**
	 * @param compose the compose deployment's haproxy.cfg
	 * @param servers for each {@code server-template} prefix (gateway, ingest), the ports
	 * of the local instances
	 * @param portOffset added to every bind port
	 * @return the configuration for a local HAProxy
	 */
	static String local(String compose, Map<String, List<Integer>> servers, int portOffset) {
		List<String> lines = new ArrayList<>();
		boolean inResolvers = false;
		for (String line : compose.lines().toList()) {
			String trimmed = line.strip();
			if (trimmed.startsWith("resolvers ")) {
				inResolvers = true;
				continue;
			}
			if (inResolvers) {
				if (!trimmed.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
					inResolvers = false;
				}
				else {
					continue;
				}
			}
			if (trimmed.startsWith("server-template ")) {
				String prefix = trimmed.split("\\s+")[1];
				List<Integer> ports = servers.get(prefix);
				if (ports == null) {
					throw new IllegalArgumentException("no local instances for server-template " + prefix);
				}
				String indent = line.substring(0, line.indexOf("server-template"));
				for (int i = 0; i < ports.size(); i++) {
					lines.add(indent + "server " + prefix + (i + 1) + " 127.0.0.1:" + ports.get(i));
				}
				continue;
			}
			if (trimmed.startsWith("bind :")) {
				int port = Integer.parseInt(trimmed.substring("bind :".length()).split("\\s+")[0]);
				lines.add(line.replace("bind :" + port, "bind 127.0.0.1:" + (port + portOffset)));
				continue;
			}
			lines.add(line.replace(DNS_ONLY_SERVER_OPTIONS, ""));
		}
		return String.join("\n", lines) + "\n";
	}

}
