package dev.telephony.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Command-line options of the launcher.
 *
 * @param root repository root, where the service jars are built
 * @param dataDir folder for Kafka data, keys and logs
 * @param kafkaPort PLAINTEXT port of the broker; the controller listens on the next one
 * @param fresh delete the Kafka data before starting
 * @param sandbox use the sandbox even when Vonage credentials are in the environment
 * @param onlyKafka start the broker only
 * @param healthTimeout how long each service may take to report UP
 * @param help print usage and exit
 * @param scale how many instances of each service; more than one puts HAProxy in front
 * @param portOffset added to every service and proxy port, so that two stacks can run
 * side by side
 * @param kafkaBootstrap an external broker to use instead of starting one, or null
 */
record Options(Path root, Path dataDir, int kafkaPort, boolean fresh, boolean sandbox, boolean onlyKafka,
		Duration healthTimeout, boolean help, Scale scale, int portOffset, String kafkaBootstrap) {

	/**
	 * Instances per service.
	 *
	 * @param gateways mcp-gateway instances
	 * @param dispatchers dispatcher instances
	 * @param ingests webhook-ingest instances
	 */
	record Scale(int gateways, int dispatchers, int ingests) {

		static final Scale SINGLE = new Scale(1, 1, 1);

		/** Whether this is the scaled topology: HAProxy in front, restarts on failure. */
		boolean scaled() {
			return !equals(SINGLE);
		}

	}

	static final int DEFAULT_KAFKA_PORT = 9092;

	static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(120);

	static final String USAGE = """
			Usage: local-stack [options]

			Starts a Kafka broker (KRaft, in this process) and the telephony services as child
			processes, without Docker. Stop everything with Ctrl-C.

			Options:
			  --root DIR             repository root holding the built service jars (default: current directory)
			  --kafka-port N         Kafka PLAINTEXT port (default: 9092); the controller uses N+1
			  --data-dir DIR         Kafka data, keys and logs (default: <root>/.local)
			  --fresh                delete the Kafka data first (topics, records, consumer offsets)
			  --sandbox              use the Vonage sandbox even if VONAGE_APPLICATION_ID and
			                         VONAGE_PRIVATE_KEY_PATH are set
			  --only-kafka           start only the broker (run the services from your IDE)
			  --health-timeout SECS  how long each service may take to report UP (default: 120)
			  --gateways N           run N mcp-gateway instances (default: 1)
			  --dispatchers N        run N dispatcher instances (default: 1)
			  --ingests N            run N webhook-ingest instances (default: 1)
			                         More than one instance of anything gives the scaled topology of
			                         docker-compose.yml: HAProxy (Debian package haproxy) on ports 8000 and
			                         8080 with docker/haproxy/haproxy.cfg, instances on 18000+, 18080+, 18081+,
			                         and a service that dies is restarted, as compose's restart policy does.
			  --port-offset N        add N to every service and proxy port (default: 0)
			  --kafka-bootstrap H:P  use this broker instead of starting one
			  -h, --help             print this help

			Vonage: with VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY_PATH set, the services talk to the
			real Vonage API (set CALLBACK_SERVER_URL to a public URL that reaches port 8080); otherwise a
			local sandbox on port 8090 stands in for it.
			""";

	int controllerPort() {
		return this.kafkaPort + 1;
	}

	/**
	 * Parses {@code args}; relative paths resolve against {@code cwd}.
	 * @param args the command-line arguments
	 * @param cwd the current directory
	 * @return the options
	 * @throws OptionsException if an option is unknown, lacks a value or has a bad one
	 */
	static Options parse(String[] args, Path cwd) {
		Deque<String> queue = new ArrayDeque<>();
		for (String arg : args) {
			// Accept --name=value as well as --name value.
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 0) {
				queue.add(arg.substring(0, equals));
				queue.add(arg.substring(equals + 1));
			}
			else {
				queue.add(arg);
			}
		}
		Path root = cwd;
		Path dataDir = null;
		int kafkaPort = DEFAULT_KAFKA_PORT;
		boolean fresh = false;
		boolean sandbox = false;
		boolean onlyKafka = false;
		Duration healthTimeout = DEFAULT_HEALTH_TIMEOUT;
		boolean help = false;
		int gateways = 1;
		int dispatchers = 1;
		int ingests = 1;
		int portOffset = 0;
		String kafkaBootstrap = null;
		while (!queue.isEmpty()) {
			String option = queue.poll();
			switch (option) {
				case "--root" -> root = cwd.resolve(value(option, queue));
				case "--data-dir" -> dataDir = cwd.resolve(value(option, queue));
				case "--kafka-port" -> kafkaPort = number(option, value(option, queue), 1, 65534);
				case "--health-timeout" ->
					healthTimeout = Duration.ofSeconds(number(option, value(option, queue), 1, 3600));
				case "--fresh" -> fresh = true;
				case "--sandbox" -> sandbox = true;
				case "--only-kafka" -> onlyKafka = true;
				case "-h", "--help" -> help = true;
				case "--gateways" -> gateways = number(option, value(option, queue), 1, 9);
				case "--dispatchers" -> dispatchers = number(option, value(option, queue), 1, 9);
				case "--ingests" -> ingests = number(option, value(option, queue), 1, 9);
				case "--port-offset" -> portOffset = number(option, value(option, queue), 0, 40000);
				case "--kafka-bootstrap" -> kafkaBootstrap = value(option, queue);
				default -> throw new OptionsException(
						(option.startsWith("-") ? "unknown option " : "unexpected argument ") + option);
			}
		}
		root = root.toAbsolutePath().normalize();
		dataDir = ((dataDir != null) ? dataDir : root.resolve(".local")).toAbsolutePath().normalize();
		return new Options(root, dataDir, kafkaPort, fresh, sandbox, onlyKafka, healthTimeout, help,
				new Scale(gateways, dispatchers, ingests), portOffset, kafkaBootstrap);
	}

	private static String value(String option, Deque<String> queue) {
		String value = queue.poll();
		if (value == null || value.isBlank() || value.startsWith("--")) {
			throw new OptionsException(option + " needs a value");
		}
		return value;
	}

	private static int number(String option, String value, int min, int max) {
		try {
			int number = Integer.parseInt(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the accepted range
		}
		throw new OptionsException(option + " must be a number from " + min + " to " + max + ", not '" + value + "'");
	}

	/**
	 * A command line the launcher cannot run with.
	 */
	static final class OptionsException extends IllegalArgumentException {

		OptionsException(String message) {
			super(message);
		}

	}

}
