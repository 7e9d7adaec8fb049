package dev.telephony.localstack;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One child process to start and the port whose health endpoint says it is ready.
 *
 * @param name module name, also the name of its log file
 * @param port HTTP port serving {@code /actuator/health}
 * @param command the full command line
 * @param healthPath the path on {@code port} that answers 200 once the process is ready
 */
record ServiceSpec(String name, int port, List<String> command, String healthPath) {

	ServiceSpec {
		command = List.copyOf(command);
	}

	/** A Spring Boot service, ready when its actuator says so. */
	ServiceSpec(String name, int port, List<String> command) {
		this(name, port, command, "/actuator/health");
	}

	URI healthUri() {
		return URI.create("http://localhost:" + this.port + this.healthPath);
	}

	/**
	 * The command line with secrets masked, for logs and the console.
	 * @return the printable command line
	 */
	String printableCommand() {
		return this.command.stream()
			.map((arg) -> arg.contains("secret=") ? arg.substring(0, arg.indexOf("secret=") + 7) + "****" : arg)
			.collect(Collectors.joining(" "));
	}

}
