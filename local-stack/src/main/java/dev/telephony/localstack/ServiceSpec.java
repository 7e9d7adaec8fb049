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
 */
record ServiceSpec(String name, int port, List<String> command) {

	ServiceSpec {
		command = List.copyOf(command);
	}

	URI healthUri() {
		return URI.create("http://localhost:" + this.port + "/actuator/health");
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
